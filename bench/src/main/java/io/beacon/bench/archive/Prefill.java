package io.beacon.bench.archive;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.beacon.bench.Arguments;
import io.beacon.common.EventEnvelope;
import io.beacon.common.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Fills a fresh topic (and its dead-letter topic) with the benchmark's events, so the
 * archiver has a backlog to drain:
 * {@code prefill --bootstrap=127.0.0.1:9092 --topic=archive-bench --events=1000000 --agents=10000}.
 */
final class Prefill {

	private static final int OUTSTANDING = 32_000;

	private Prefill() {
	}

	static void run(Arguments arguments) throws Exception {
		String bootstrap = arguments.get("bootstrap", "127.0.0.1:9092");
		String topic = arguments.get("topic", "archive-bench");
		long events = arguments.getLong("events", 1_000_000);
		BenchEvents generator = new BenchEvents((int) arguments.getLong("agents", 10_000));
		createTopics(bootstrap, topic, (int) arguments.getLong("partitions", Topics.DEFAULT_PARTITIONS));

		Semaphore outstanding = new Semaphore(OUTSTANDING);
		AtomicReference<Exception> failure = new AtomicReference<>();
		long started = System.nanoTime();
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
						ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			for (long i = 0; i < events && failure.get() == null; i++) {
				EventEnvelope envelope = generator.next();
				outstanding.acquire();
				producer.send(new ProducerRecord<>(topic, envelope.agentId().getBytes(StandardCharsets.UTF_8),
						generator.value(envelope)), (metadata, ex) -> {
							outstanding.release();
							if (ex != null) {
								failure.compareAndSet(null, ex);
							}
						});
				if ((i + 1) % 200_000 == 0) {
					System.out.printf("prefill: %,d of %,d events%n", i + 1, events);
				}
			}
			producer.flush();
		}
		if (failure.get() != null) {
			throw new IllegalStateException("the broker refused records", failure.get());
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("prefill: %,d events in %.1f s (%.0f events/s) to %s%n", events, seconds, events / seconds,
				topic);
	}

	private static void createTopics(String bootstrap, String topic, int partitions)
			throws InterruptedException, ExecutionException {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			for (String name : List.of(topic, Topics.deadLetterOf(topic))) {
				try {
					admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
						.all()
						.get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw ex;
					}
					throw new IllegalStateException("topic " + name + " exists: the benchmark needs a fresh topic");
				}
				catch (java.util.concurrent.TimeoutException ex) {
					throw new IllegalStateException("the broker did not create " + name + " in 30 s", ex);
				}
			}
		}
	}

}
