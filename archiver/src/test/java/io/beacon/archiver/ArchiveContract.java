package io.beacon.archiver;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.beacon.archiver.store.ArchiveRecord;
import io.beacon.archiver.store.ArchiveWriter;
import io.beacon.archiver.store.WriteResult;
import io.beacon.common.EventEnvelope;
import io.beacon.common.Topics;
import io.beacon.testsupport.FreePorts;
import io.beacon.testsupport.TestKafka;
import io.beacon.testsupport.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the archiver promises, against a real broker and a real database; each database
 * runs the whole contract through its own subclass.
 */
abstract class ArchiveContract {

	static final Duration ARCHIVED = Duration.ofSeconds(60);

	private final List<AutoCloseable> resources = new ArrayList<>();

	String topic;

	TestDatabase database;

	Events events;

	/** A fresh database for each test. */
	abstract TestDatabase newDatabase();

	@BeforeEach
	void topicAndDatabase() {
		this.topic = TestKafka.createUniqueTopic("archive", 12);
		TestKafka.createTopic(Topics.deadLetterOf(this.topic), 12);
		this.database = newDatabase();
		this.events = closeLater(new Events(TestKafka.bootstrapServers(), this.topic));
	}

	@AfterEach
	void closeAll() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	<T extends AutoCloseable> T closeLater(T resource) {
		this.resources.add(resource);
		return resource;
	}

	RunningArchiver archiver(String... properties) {
		return closeLater(
				RunningArchiver.start(TestKafka.bootstrapServers(), this.topic, this.database, List.of(properties)));
	}

	@Test
	void everyEventOnceAndEachAgentInProduceOrder() {
		List<EventEnvelope> sent = Events.interleaved(20, 100);
		this.events.send(sent);
		RunningArchiver archiver = archiver();

		await().atMost(ARCHIVED).until(() -> this.database.rows() == sent.size());
		assertThat(this.database.count("SELECT count(DISTINCT event_id) FROM agent_events")).isEqualTo(sent.size());
		Map<Object, List<Object>> seqsByAgent = this.database
			.query("SELECT agent_id, seq FROM agent_events ORDER BY kafka_offset")
			.stream()
			.collect(Collectors.groupingBy((row) -> row.get("agent_id"),
					Collectors.mapping((row) -> row.get("seq"), Collectors.toList())));
		assertThat(seqsByAgent).hasSize(20);
		List<Object> expected = new ArrayList<>();
		for (long seq = 0; seq < 100; seq++) {
			expected.add(seq);
		}
		seqsByAgent.values().forEach((seqs) -> assertThat(seqs).isEqualTo(expected));
		assertThat(this.database.query("SELECT DISTINCT status, seq, event_count FROM agent_state"))
			.containsExactly(Map.of("status", "waiting", "seq", 99L, "event_count", 100L));
		await().atMost(ARCHIVED).until(() -> archiver.counter("beacon.archiver.rows.written") == sent.size());
		assertThat(archiver.counter("beacon.archiver.duplicates.ignored")).isZero();
	}

	@Test
	void metadataAndTimesAreKeptAsSent() {
		EventEnvelope event = Events.envelope("agent-meta", 7);
		this.events.send(List.of(event));
		archiver();

		await().atMost(ARCHIVED).until(() -> this.database.rows() == 1);
		Map<String, Object> row = this.database.query("SELECT * FROM agent_events").get(0);
		assertThat(row).containsEntry("event_id", event.eventId())
			.containsEntry("agent_id", "agent-meta")
			.containsEntry("status", "waiting")
			.containsEntry("metadata", "{\"step\":7}")
			.containsEntry("seq", 7L);
	}

	@Test
	void flushesAtBatchSize() {
		RunningArchiver archiver = archiver("beacon.archiver.batch-size=50", "beacon.archiver.flush-interval=1h");
		this.events.send(Events.interleaved(1, 120));

		await().atMost(ARCHIVED).until(() -> this.database.rows() == 100);
		await().atMost(ARCHIVED).until(() -> archiver.gauge("beacon.archiver.buffer.size") == 20);
		assertThat(this.database.rows()).isEqualTo(100);
	}

	@Test
	void flushesAfterTheIntervalWhenTheBatchIsNotFull() {
		RunningArchiver archiver = archiver("beacon.archiver.batch-size=500", "beacon.archiver.flush-interval=1s");
		this.events.send(Events.interleaved(7, 1));

		await().atMost(ARCHIVED).until(() -> this.database.rows() == 7);
		assertThat(archiver.bean(io.micrometer.core.instrument.MeterRegistry.class)
			.get("beacon.archiver.batch.size")
			.summary()
			.max()).isEqualTo(7);
	}

	@Test
	void theSameEventIdTwiceIsArchivedOnce() {
		String eventId = Events.randomId();
		this.events.send(List.of(Events.envelope(eventId, "agent-dup", 1), Events.envelope(eventId, "agent-dup", 1),
				Events.envelope("agent-dup", 2)));
		RunningArchiver archiver = archiver();

		await().atMost(ARCHIVED).until(() -> archiver.counter("beacon.archiver.duplicates.ignored") == 1);
		assertThat(this.database.rows()).isEqualTo(2);
		assertThat(this.database.query("SELECT seq, event_count FROM agent_state"))
			.containsExactly(Map.of("seq", 2L, "event_count", 2L));
	}

	@Test
	void poisonRecordsGoToTheDeadLetterTopicAndTheRestIsArchived() {
		this.events.send(List.of(Events.envelope("agent-p", 1)));
		this.events.sendRaw("agent-p", "not json at all".getBytes(StandardCharsets.UTF_8));
		this.events.sendRaw("agent-p",
				"{\"event_id\":\"x\",\"agent_id\":\"agent-p\"}".getBytes(StandardCharsets.UTF_8));
		this.events.send(List.of(Events.envelope("agent-p", 2)));
		RunningArchiver archiver = archiver();

		await().atMost(ARCHIVED).until(() -> this.database.rows() == 2);
		List<ConsumerRecord<String, String>> deadLetters = TopicRecords.read(TestKafka.bootstrapServers(),
				Topics.deadLetterOf(this.topic), 2, ARCHIVED);
		assertThat(deadLetters).extracting(ConsumerRecord::value)
			.containsExactly("not json at all", "{\"event_id\":\"x\",\"agent_id\":\"agent-p\"}");
		ConsumerRecord<String, String> first = deadLetters.get(0);
		assertThat(header(first, Topics.HEADER_DLQ_ERROR)).contains("malformed JSON");
		assertThat(header(first, Topics.HEADER_DLQ_OFFSET)).isEqualTo("1");
		assertThat(header(deadLetters.get(1), Topics.HEADER_DLQ_ERROR)).contains("status");
		await().atMost(ARCHIVED).until(() -> archiver.counter("beacon.archiver.dead.letters") == 2);
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	@Test
	void anOlderSeqNeverOverwritesANewerOneAndIsCounted() {
		this.events.send(List.of(Events.envelope("agent-inv", 5), Events.envelope("agent-inv", 3)));
		RunningArchiver archiver = archiver("beacon.archiver.flush-interval=200ms");
		await().atMost(ARCHIVED).until(() -> this.database.rows() == 2);
		this.events.send(List.of(Events.envelope("agent-inv", 4)));
		await().atMost(ARCHIVED).until(() -> archiver.counter("beacon.archiver.inversions") == 2);

		assertThat(this.database.rows()).isEqualTo(3);
		assertThat(this.database.query("SELECT seq, event_count FROM agent_state"))
			.containsExactly(Map.of("seq", 5L, "event_count", 3L));
	}

	@Test
	void stoppingFlushesAndCommitsFirst() {
		RunningArchiver first = archiver("beacon.archiver.flush-interval=1h");
		this.events.send(Events.interleaved(3, 10));
		await().atMost(ARCHIVED).until(() -> first.gauge("beacon.archiver.buffer.size") == 30);
		first.close();
		assertThat(this.database.rows()).isEqualTo(30);

		RunningArchiver second = archiver("beacon.archiver.flush-interval=100ms");
		this.events.send(List.of(Events.envelope("agent-after", 1)));
		await().atMost(ARCHIVED).until(() -> this.database.rows() == 31);
		assertThat(second.counter("beacon.archiver.duplicates.ignored")).isZero();
	}

	@Test
	void aDatabaseUnavailableForAWhileLosesNothingAndHealthSaysWhy() throws Exception {
		RunningArchiver archiver = archiver("beacon.archiver.flush-interval=100ms",
				"beacon.archiver.retry-backoff-initial=100ms", "beacon.archiver.retry-backoff-max=1s");
		this.events.send(Events.interleaved(5, 20));
		await().atMost(ARCHIVED).until(() -> this.database.rows() == 100);

		AutoCloseable outage = this.database.outage();
		try {
			this.events.send(Events.interleaved(5, 20));
			await().atMost(ARCHIVED).untilAsserted(() -> {
				HttpResponse<String> health = Http.get(archiver.baseUrl() + "/actuator/health");
				assertThat(health.statusCode()).isEqualTo(503);
				assertThat(health.body()).contains("\"state\":\"retrying\"").contains("\"error\":");
			});
			assertThat(archiver.counter("beacon.archiver.flush.failures")).isPositive();
		}
		finally {
			outage.close();
		}

		await().atMost(ARCHIVED).until(() -> this.database.rows() == 200);
		await().atMost(ARCHIVED)
			.untilAsserted(
					() -> assertThat(Http.get(archiver.baseUrl() + "/actuator/health").statusCode()).isEqualTo(200));
		assertThat(this.database.count("SELECT sum(event_count) FROM agent_state")).isEqualTo(200);
	}

	@Test
	void twoArchiversShareThePartitionsAndOneStoppingMidStreamLosesNothing() {
		RunningArchiver first = archiver("beacon.archiver.flush-interval=100ms");
		RunningArchiver second = archiver("beacon.archiver.flush-interval=100ms");
		await().atMost(ARCHIVED)
			.until(() -> first.gauge("beacon.archiver.partitions.assigned")
					+ second.gauge("beacon.archiver.partitions.assigned") == 12
					&& second.gauge("beacon.archiver.partitions.assigned") > 0);
		this.events.send(Events.interleaved(40, 25));
		await().atMost(ARCHIVED).until(() -> this.database.rows() == 1000);
		await().atMost(ARCHIVED)
			.until(() -> first.counter("beacon.archiver.rows.written") > 0
					&& second.counter("beacon.archiver.rows.written") > 0);

		this.events.send(Events.interleaved(40, 25));
		first.close();
		this.events.send(Events.interleaved(40, 25));

		await().atMost(ARCHIVED).until(() -> this.database.rows() == 3000);
		assertThat(this.database.count("SELECT count(DISTINCT event_id) FROM agent_events")).isEqualTo(3000);
		assertThat(this.database.count("SELECT sum(event_count) FROM agent_state")).isEqualTo(3000);
	}

	@Test
	void aCrashBetweenTheDatabaseCommitAndTheOffsetCommitLosesAndDuplicatesNothing() {
		List<EventEnvelope> sent = Events.interleaved(10, 100);
		this.events.send(sent);
		RunningArchiver crashing = closeLater(RunningArchiver.start(TestKafka.bootstrapServers(), this.topic,
				this.database, List.of("beacon.archiver.batch-size=100"), CrashAfterSecondWrite.class));
		await().atMost(ARCHIVED).until(() -> crashing.bean(CrashAfterSecondWrite.class).crashed);
		long archivedBeforeRestart = this.database.rows();
		assertThat(archivedBeforeRestart).isEqualTo(200);
		crashing.close();

		RunningArchiver restarted = archiver("beacon.archiver.batch-size=100");
		await().atMost(ARCHIVED).until(() -> this.database.rows() == sent.size());
		await().atMost(ARCHIVED).until(() -> restarted.counter("beacon.archiver.duplicates.ignored") >= 100);
		assertThat(this.database.count("SELECT sum(event_count) FROM agent_state")).isEqualTo(sent.size());
		assertThat(this.database.count("SELECT count(DISTINCT kafka_offset * 100 + kafka_partition) FROM agent_events"))
			.isEqualTo(sent.size());
	}

	@Test
	void anArchiverKilledMidStreamAndRestartedLosesAndDuplicatesNothing() throws Exception {
		List<EventEnvelope> sent = Events.interleaved(30, 1000);
		this.events.send(sent);
		ArchiverProcess doomed = closeLater(
				ArchiverProcess.start(processProperties("server.port=0", "beacon.archiver.batch-size=100",
						// the lowest the broker allows: the killed member's partitions
						// move on sooner
						"spring.kafka.consumer.properties.session.timeout.ms=6000")));

		await().atMost(ARCHIVED).until(() -> this.database.rows() >= 3000 || !doomed.isAlive());
		doomed.kill();
		long archivedWhenKilled = this.database.rows();
		assertThat(archivedWhenKilled).as("killed mid-stream (log: %s)", doomed.log())
			.isBetween(3000L, sent.size() - 1L);

		RunningArchiver restarted = archiver("beacon.archiver.batch-size=100");
		await().atMost(ARCHIVED).until(() -> this.database.rows() == sent.size());
		assertThat(this.database.count("SELECT count(DISTINCT event_id) FROM agent_events")).isEqualTo(sent.size());
		assertThat(this.database.count("SELECT sum(event_count) FROM agent_state")).isEqualTo(sent.size());
		await().atMost(ARCHIVED)
			.until(() -> restarted.counter("beacon.archiver.rows.written")
					+ restarted.counter("beacon.archiver.duplicates.ignored") >= sent.size() - archivedWhenKilled);
	}

	@Test
	void sigtermFlushesAndCommitsBeforeTheProcessEnds() {
		int port = FreePorts.next();
		ArchiverProcess archiver = closeLater(
				ArchiverProcess.start(processProperties("server.port=" + port, "beacon.archiver.flush-interval=1h")));
		this.events.send(Events.interleaved(3, 10));
		await().atMost(ARCHIVED)
			.until(() -> prometheus(port)
				.contains("beacon_archiver_buffer_size_records{application=\"beacon-archiver\"} 30.0"));

		assertThat(archiver.terminate()).as("exit status (log: %s)", archiver.log()).isEqualTo(143);
		assertThat(this.database.rows()).isEqualTo(30);

		RunningArchiver restarted = archiver("beacon.archiver.flush-interval=100ms");
		this.events.send(List.of(Events.envelope("agent-after", 1)));
		await().atMost(ARCHIVED).until(() -> this.database.rows() == 31);
		assertThat(restarted.counter("beacon.archiver.duplicates.ignored")).isZero();
	}

	/** The process's metrics, or nothing while it is starting. */
	private static String prometheus(int port) {
		try {
			return Http.get("http://127.0.0.1:" + port + "/actuator/prometheus").body();
		}
		catch (UncheckedIOException ex) {
			return "";
		}
	}

	/**
	 * An archiver process's properties: this test's broker, topic, group and database.
	 */
	private List<String> processProperties(String... more) {
		List<String> properties = new ArrayList<>(List.of(
				"spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(), "beacon.archiver.topic=" + this.topic,
				"spring.kafka.consumer.group-id=archiver-" + this.topic));
		properties.addAll(this.database.archiverProperties());
		properties.addAll(List.of(more));
		return properties;
	}

	/**
	 * Wraps the real writer: the second write commits, then the consumer thread dies as
	 * if the process had, before the offsets are committed.
	 */
	@Configuration(proxyBeanMethods = false)
	static class CrashAfterSecondWrite {

		volatile boolean crashed;

		private int writes;

		@Bean
		static BeanPostProcessor crashingWriter(
				org.springframework.beans.factory.ObjectProvider<CrashAfterSecondWrite> self) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (!(bean instanceof ArchiveWriter writer)) {
						return bean;
					}
					return (ArchiveWriter) (List<ArchiveRecord> records) -> {
						WriteResult result = writer.write(records);
						CrashAfterSecondWrite test = self.getObject();
						if (++test.writes == 2) {
							test.crashed = true;
							throw new SimulatedCrash();
						}
						return result;
					};
				}

			};
		}

	}

	/** Not an {@link Exception}: the archiver must not take it for a database failure. */
	static class SimulatedCrash extends Error {

		private static final long serialVersionUID = 1L;

		SimulatedCrash() {
			super("simulated crash after the database commit", null, false, false);
		}

	}

}
