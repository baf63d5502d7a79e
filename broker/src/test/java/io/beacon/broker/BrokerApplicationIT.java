package io.beacon.broker;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.beacon.common.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Runs the broker application in this JVM: topics at startup, records round-trip, a
 * second broker is turned away at once, and close shuts Kafka down cleanly. Restarts of
 * the broker as its own process (SIGTERM, SIGKILL) are covered by test-support's
 * {@code BrokerRestartIT}, which can depend on this module.
 */
class BrokerApplicationIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final int RECORDS = 100;

	@TempDir
	Path dataDir;

	@TempDir
	Path otherDataDir;

	@Test
	void servesThePipelineTopicsAndTurnsAwayASecondBroker() throws Exception {
		int port = freePort();
		int controllerPort = freePort();
		String bootstrap = "127.0.0.1:" + port;

		try (ConfigurableApplicationContext broker = start(port, controllerPort, this.dataDir)) {
			assertThat(broker.getBean(KafkaBroker.class).isRunning()).isTrue();
			assertThat(partitionCounts(bootstrap)).containsEntry(Topics.STATE_TRANSITIONS, Topics.DEFAULT_PARTITIONS)
				.containsEntry(Topics.DEAD_LETTER, Topics.DEFAULT_PARTITIONS);

			produce(bootstrap);
			List<ConsumerRecord<String, String>> records = consumeAll(bootstrap);
			assertThat(records).hasSize(RECORDS)
				.allSatisfy((record) -> assertThat(record.value()).isEqualTo("value-of-" + record.key()));
			assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(keys());

			assertThatException().isThrownBy(() -> start(port, freePort(), this.otherDataDir))
				.havingRootCause()
				.isInstanceOf(BindException.class);
			assertThat(this.otherDataDir).as("left untouched by a broker that could not listen").isEmptyDirectory();
			assertThatException().isThrownBy(() -> start(freePort(), freePort(), this.dataDir))
				.havingRootCause()
				.withMessageContaining("in use by another broker");
		}
		assertThat(this.dataDir.resolve(".kafka_cleanshutdown")).as("Kafka's clean-shutdown marker").isRegularFile();
	}

	private static ConfigurableApplicationContext start(int port, int controllerPort, Path dataDir) {
		SpringApplication application = new SpringApplication(BrokerApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setRegisterShutdownHook(false);
		return application.run("--beacon.broker.port=" + port, "--beacon.broker.controller-port=" + controllerPort,
				"--beacon.broker.data-dir=" + dataDir, "--spring.main.keep-alive=false");
	}

	private static Map<String, Integer> partitionCounts(String bootstrap) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			Map<String, TopicDescription> topics = admin
				.describeTopics(List.of(Topics.STATE_TRANSITIONS, Topics.DEAD_LETTER))
				.allTopicNames()
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			Map<String, Integer> counts = new HashMap<>();
			topics.forEach((name, description) -> counts.put(name, description.partitions().size()));
			return counts;
		}
	}

	private static void produce(String bootstrap) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
			for (String key : keys()) {
				producer.send(new ProducerRecord<>(Topics.STATE_TRANSITIONS, key, "value-of-" + key))
					.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
	}

	private static List<ConsumerRecord<String, String>> consumeAll(String bootstrap) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.STATE_TRANSITIONS, TIMEOUT)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (records.size() < RECORDS && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

	private static List<String> keys() {
		return IntStream.range(0, RECORDS).mapToObj((i) -> "agent-" + i).toList();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
