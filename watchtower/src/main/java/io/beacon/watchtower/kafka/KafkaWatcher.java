package io.beacon.watchtower.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Reads the topic's end offsets and each group's committed offsets with Kafka's admin
 * API. Blocking: call it off event-loop threads. Every call is bounded by the timeout.
 */
public final class KafkaWatcher implements AutoCloseable {

	private final Admin admin;

	private final String bootstrapServers;

	private final Duration timeout;

	public KafkaWatcher(Map<String, Object> adminConfig, Duration timeout) {
		Map<String, Object> config = new HashMap<>(adminConfig);
		int millis = (int) timeout.toMillis();
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
		this.admin = Admin.create(config);
		Object servers = config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
		this.bootstrapServers = (servers instanceof Collection<?> list)
				? list.stream().map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(servers);
		this.timeout = timeout;
	}

	/**
	 * Look now.
	 * @param topic the topic
	 * @param groups the consumer groups
	 * @return what the broker said, or why it did not
	 */
	public KafkaState read(String topic, List<String> groups) {
		try {
			TopicDescription description = get(this.admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
			List<TopicPartition> partitions = description.partitions()
				.stream()
				.map((partition) -> new TopicPartition(topic, partition.partition()))
				.toList();
			Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
			Map<TopicPartition, Long> start = offsets(partitions, OffsetSpec.earliest());
			Map<String, Map<Integer, Long>> lag = new TreeMap<>();
			for (String group : groups) {
				Map<TopicPartition, OffsetAndMetadata> committed = get(
						this.admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
				Map<Integer, Long> groupLag = new TreeMap<>();
				for (TopicPartition partition : partitions) {
					OffsetAndMetadata offset = committed.get(partition);
					long from = (offset != null) ? offset.offset() : start.get(partition);
					groupLag.put(partition.partition(), Math.max(0, end.get(partition) - from));
				}
				lag.put(group, groupLag);
			}
			Map<Integer, Long> endOffsets = new TreeMap<>();
			end.forEach((partition, offset) -> endOffsets.put(partition.partition(), offset));
			return new KafkaState(true, this.bootstrapServers, topic, partitions.size(), endOffsets, lag, null);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof UnknownTopicOrPartitionException) {
				return new KafkaState(true, this.bootstrapServers, topic, 0, Map.of(), Map.of(),
						"topic " + topic + " does not exist");
			}
			return unreachable(topic, cause.getClass().getSimpleName() + ": " + cause.getMessage());
		}
		catch (TimeoutException ex) {
			return unreachable(topic, "no answer within " + this.timeout.toMillis() + " ms");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return unreachable(topic, "interrupted");
		}
	}

	private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
			throws ExecutionException, TimeoutException, InterruptedException {
		Map<TopicPartition, OffsetSpec> request = partitions.stream()
			.collect(Collectors.toMap((partition) -> partition, (partition) -> spec));
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = get(
				this.admin.listOffsets(request).all());
		Map<TopicPartition, Long> offsets = new HashMap<>();
		result.forEach((partition, info) -> offsets.put(partition, info.offset()));
		return offsets;
	}

	private KafkaState unreachable(String topic, String error) {
		return new KafkaState(false, this.bootstrapServers, topic, 0, Map.of(), Map.of(), error);
	}

	private <T> T get(KafkaFuture<T> future) throws ExecutionException, TimeoutException, InterruptedException {
		return future.get(this.timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
