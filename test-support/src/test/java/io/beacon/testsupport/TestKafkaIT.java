package io.beacon.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.beacon.common.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestKafkaIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Test
	void providesThePipelineTopicsWithTwelvePartitions() {
		String bootstrap = TestKafka.bootstrapServers();

		assertThat(TopicAdmin.partitionCount(bootstrap, Topics.STATE_TRANSITIONS)).isEqualTo(Topics.DEFAULT_PARTITIONS);
		assertThat(TopicAdmin.partitionCount(bootstrap, Topics.DEAD_LETTER)).isEqualTo(Topics.DEFAULT_PARTITIONS);
	}

	@Test
	void roundTripsKeyedRecordsInPerKeyOrder() throws Exception {
		String topic = TestKafka.createUniqueTopic("round-trip", 3);
		List<String> keys = List.of("agent-a", "agent-b", "agent-c");
		try (KafkaProducer<String, String> producer = producer()) {
			for (int seq = 0; seq < 10; seq++) {
				for (String key : keys) {
					producer.send(new ProducerRecord<>(topic, key, key + ":" + seq)).get(30, TimeUnit.SECONDS);
				}
			}
		}

		List<ConsumerRecord<String, String>> records = TestKafka.readRecords(topic, 30, TIMEOUT);

		assertThat(records).hasSize(30);
		for (String key : keys) {
			assertThat(records).filteredOn((record) -> record.key().equals(key))
				.extracting(ConsumerRecord::value)
				.containsExactlyElementsOf(IntStream.range(0, 10).mapToObj((seq) -> key + ":" + seq).toList());
		}
	}

	@Test
	void readRecordsReturnsWhatArrivedWhenTheTimeoutPasses() {
		String topic = TestKafka.createUniqueTopic("empty", 1);

		assertThat(TestKafka.readRecords(topic, 1, Duration.ofMillis(500))).isEmpty();
	}

	@Test
	void createTopicIsIdempotent() {
		String topic = TestKafka.createUniqueTopic("twice", 2);

		TestKafka.createTopic(topic, 2);

		assertThat(TopicAdmin.partitionCount(TestKafka.bootstrapServers(), topic)).isEqualTo(2);
	}

	private static KafkaProducer<String, String> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
	}

}
