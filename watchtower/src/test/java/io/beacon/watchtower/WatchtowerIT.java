package io.beacon.watchtower;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.beacon.testsupport.FreePorts;
import io.beacon.testsupport.TestKafka;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real watchtower, a real broker with a real consumer group, and stand-ins for the
 * services.
 */
class WatchtowerIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Test
	void statusFollowsTheServicesAndTheGatewaysTheLoadBalancerLists() {
		try (StandInService loadBalancer = StandInService.start();
				StandInService broadcaster = StandInService.start();
				StandInService archiver = StandInService.start();
				StandInService gateway = StandInService.start();
				StandInService added = StandInService.start()) {
			loadBalancer.backends().add(gateway.url());
			try (RunningWatchtower watchtower = RunningWatchtower.start(TestKafka.bootstrapServers(),
					"beacon.watchtower.load-balancer-url=" + loadBalancer.url(),
					"beacon.watchtower.broadcaster-url=" + broadcaster.url(),
					"beacon.watchtower.archiver-url=" + archiver.url())) {
				await().atMost(TIMEOUT).until(() -> status(watchtower, "up"));
				JsonNode status = watchtower.status();
				assertThat(status.path("services")).extracting((service) -> service.path("name").asString())
					.containsExactly("load-balancer", "broadcaster", "archiver",
							"gateway-" + gateway.url().replace("http://", ""));
				assertThat(status.path("services").get(0).path("latency_ms").isNumber()).isTrue();
				assertThat(status.path("kafka").path("reachable").asBoolean()).isTrue();
				assertThat(status.path("kafka").path("partitions").asInt()).isEqualTo(12);

				archiver.answer(503, StandInService.KAFKA_DOWN);
				await().atMost(TIMEOUT).until(() -> status(watchtower, "degraded"));
				assertThat(watchtower.status().path("reasons").get(0).asString())
					.isEqualTo("archiver down: health DOWN (503): kafka DOWN - broker unreachable");

				loadBalancer.backends().add(added.url());
				String addedName = "gateway-" + added.url().replace("http://", "");
				await().atMost(TIMEOUT).until(() -> watchtower.metrics().contains("service=\"" + addedName + "\""));
				assertThat(names(watchtower.status())).contains(addedName);
				assertThat(watchtower.json("/prometheus/targets")).as("Prometheus discovers it too")
					.anySatisfy((target) -> {
						assertThat(target.path("targets").get(0).asString())
							.isEqualTo(added.url().replace("http://", ""));
						assertThat(target.path("labels").path("service").asString()).isEqualTo(addedName);
						assertThat(target.path("labels").path("kind").asString()).isEqualTo("gateway");
					});

				loadBalancer.backends().remove(added.url());
				await().atMost(TIMEOUT).until(() -> !watchtower.metrics().contains("service=\"" + addedName + "\""));
				assertThat(names(watchtower.status())).doesNotContain(addedName);

				gateway.hang();
				await().atMost(TIMEOUT).until(() -> status(watchtower, "down"));
				assertThat(watchtower.status().path("reasons").toString()).contains("no answer within 1000 ms",
						"no gateway is up");
			}
		}
	}

	@Test
	void lagIsWhatTheGroupHasNotCommittedAndReachesZeroWhenItCatchesUp() {
		String topic = TestKafka.createUniqueTopic("watched", 3);
		String group = "lagging-" + topic;
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", TestKafka.bootstrapServers(), "acks", "all"), new StringSerializer(),
				new StringSerializer())) {
			for (int i = 0; i < 90; i++) {
				producer.send(new ProducerRecord<>(topic, i % 3, "k", "v" + i));
			}
			producer.flush();
		}
		commit(topic, group, 10);
		try (RunningWatchtower watchtower = RunningWatchtower.start(TestKafka.bootstrapServers(),
				"beacon.watchtower.topic=" + topic, "beacon.watchtower.groups=" + group)) {
			await().atMost(TIMEOUT)
				.until(() -> watchtower.status() != null
						&& watchtower.status().path("consumer_lag").path(group).asLong(-1) == 60);
			JsonNode kafka = watchtower.status().path("kafka");
			assertThat(kafka.path("end_offsets").path("0").asLong()).isEqualTo(30);
			assertThat(kafka.path("lag").path(group).path("2").asLong()).isEqualTo(20);
			assertThat(watchtower.metrics())
				.contains("beacon_consumer_lag{application=\"beacon-watchtower\",group=\"" + group + "\"} 60.0")
				.contains("beacon_consumer_partition_lag{application=\"beacon-watchtower\",group=\"" + group
						+ "\",partition=\"1\"} 20.0")
				.contains("beacon_topic_end_offset{application=\"beacon-watchtower\",partition=\"0\",topic=\"" + topic
						+ "\"} 30.0");

			commit(topic, group, 30);
			await().atMost(TIMEOUT).until(() -> watchtower.status().path("consumer_lag").path(group).asLong(-1) == 0);
			assertThat(watchtower.metrics())
				.contains("beacon_consumer_lag{application=\"beacon-watchtower\",group=\"" + group + "\"} 0.0");
		}
	}

	@Test
	void withKafkaDownTheWatchtowerSaysSoAndStaysUp() {
		try (RunningWatchtower watchtower = RunningWatchtower.start("127.0.0.1:" + FreePorts.next())) {
			await().atMost(TIMEOUT).until(() -> watchtower.status() != null);
			JsonNode status = watchtower.status();
			assertThat(status.path("status").asString()).isEqualTo("down");
			assertThat(status.path("kafka").path("reachable").asBoolean()).isFalse();
			assertThat(status.path("kafka").path("error").asString()).isNotBlank();
			assertThat(status.path("reasons").get(0).asString()).startsWith("Kafka unreachable");
			assertThat(watchtower.metrics()).contains("beacon_kafka_up{application=\"beacon-watchtower\"} 0.0");
			assertThat(watchtower.get("/actuator/health").statusCode()).isEqualTo(200);
		}
	}

	/** The group's committed offset on each of the topic's 3 partitions. */
	private static void commit(String topic, String group, long offset) {
		Properties config = new Properties();
		config.put("bootstrap.servers", TestKafka.bootstrapServers());
		config.put("group.id", group);
		config.put("enable.auto.commit", "false");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
			for (int partition = 0; partition < 3; partition++) {
				offsets.put(new TopicPartition(topic, partition), new OffsetAndMetadata(offset));
			}
			consumer.commitSync(offsets, TIMEOUT);
		}
	}

	private static boolean status(RunningWatchtower watchtower, String expected) {
		JsonNode status = watchtower.status();
		return status != null && expected.equals(status.path("status").asString());
	}

	private static List<String> names(JsonNode status) {
		return status.path("services").valueStream().map((service) -> service.path("name").asString()).toList();
	}

}
