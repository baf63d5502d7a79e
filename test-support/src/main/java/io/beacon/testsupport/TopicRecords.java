package io.beacon.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what a topic holds, from the beginning of every partition, for assertions.
 */
public final class TopicRecords {

	private static final Duration POLL = Duration.ofMillis(100);

	private TopicRecords() {
	}

	/**
	 * Reads a topic from the beginning of all its partitions until {@code expected}
	 * records have arrived or {@code timeout} has passed, whichever comes first. Assert
	 * on the size of the result: it holds fewer records when they did not arrive in time,
	 * and possibly more when the topic holds more. No consumer group is used, so nothing
	 * is committed and no rebalance is waited for.
	 * @return the records in partition order, offset order within each partition; keys
	 * and values decoded as UTF-8 strings
	 */
	public static List<ConsumerRecord<String, String>> read(String bootstrapServers, String topic, int expected,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers))) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			if (partitions.isEmpty()) {
				throw new IllegalStateException("Topic " + topic + " does not exist on " + bootstrapServers);
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			while (records.size() < expected && System.nanoTime() < deadline) {
				consumer.poll(POLL).forEach(records::add);
			}
		}
		records.sort(Comparator.<ConsumerRecord<String, String>>comparingInt(ConsumerRecord::partition)
			.thenComparingLong(ConsumerRecord::offset));
		return records;
	}

	private static Map<String, Object> consumerConfig(String bootstrapServers) {
		return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
	}

}
