package io.beacon.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.beacon.common.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled broker as its own process: SIGTERM stops it cleanly, SIGKILL loses nothing
 * that was acknowledged, and either way a restart on the same data directory has every
 * record. (Here rather than in broker/, which cannot depend on test-support: test-support
 * depends on it.)
 */
class BrokerRestartIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	Path dataDir;

	@Test
	void keepsRecordsAcrossASigtermRestart() throws Exception {
		try (BrokerProcess broker = BrokerProcess.onFreePorts(this.dataDir)) {
			broker.start().awaitReady(BrokerProcess.READY_TIMEOUT);
			assertThat(TopicAdmin.partitionCount(broker.bootstrapServers(), Topics.STATE_TRANSITIONS))
				.isEqualTo(Topics.DEFAULT_PARTITIONS);
			assertThat(TopicAdmin.partitionCount(broker.bootstrapServers(), Topics.DEAD_LETTER))
				.isEqualTo(Topics.DEFAULT_PARTITIONS);
			produce(broker, 200);

			assertThat(broker.stop()).isIn(0, BrokerProcess.SIGTERM_EXIT_STATUS);
			assertThat(this.dataDir.resolve(".kafka_cleanshutdown")).as("Kafka's clean-shutdown marker")
				.isRegularFile();

			broker.start().awaitReady(BrokerProcess.READY_TIMEOUT);
			assertHolds(broker, 200);
		}
	}

	@Test
	void keepsAcknowledgedRecordsAcrossAKill() throws Exception {
		try (BrokerProcess broker = BrokerProcess.onFreePorts(this.dataDir)
			// after a kill the restarted broker may only register once the old session
			// has
			// expired: 9 s by default
			.serverProperty("broker.session.timeout.ms", "3000")
			.serverProperty("broker.heartbeat.interval.ms", "500")) {
			broker.start().awaitReady(BrokerProcess.READY_TIMEOUT);
			produce(broker, 200);

			broker.kill();
			assertThat(broker.isRunning()).isFalse();

			broker.start().awaitReady(BrokerProcess.READY_TIMEOUT);
			assertHolds(broker, 200);
		}
	}

	private static void produce(BrokerProcess broker, int count) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
			List<Future<?>> sends = IntStream.range(0, count)
				.<Future<?>>mapToObj(
						(i) -> producer.send(new ProducerRecord<>(Topics.STATE_TRANSITIONS, key(i), value(i))))
				.toList();
			for (Future<?> send : sends) {
				send.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
	}

	private static void assertHolds(BrokerProcess broker, int count) {
		List<ConsumerRecord<String, String>> records = TopicRecords.read(broker.bootstrapServers(),
				Topics.STATE_TRANSITIONS, count, TIMEOUT);

		assertThat(records).hasSize(count)
			.allSatisfy((record) -> assertThat(record.value())
				.isEqualTo(value(Integer.parseInt(record.key().substring("agent-".length())))));
		assertThat(records).extracting(ConsumerRecord::key)
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, count).mapToObj(BrokerRestartIT::key).toList());
	}

	private static String key(int i) {
		return "agent-" + i;
	}

	private static String value(int i) {
		return "{\"agent_id\":\"" + key(i) + "\",\"status\":\"running\",\"seq\":" + i + "}";
	}

}
