package io.beacon.watchtower.kafka;

import java.util.Map;

/**
 * What the broker said at one poll.
 *
 * @param reachable whether it answered
 * @param bootstrapServers where the watchtower looks for it
 * @param topic the topic watched
 * @param partitions the topic's partitions, or 0
 * @param endOffsets each partition's end offset
 * @param lag per consumer group, each partition's lag (end offset minus committed offset;
 * all of the partition when the group committed nothing there)
 * @param error why it is not reachable (or the topic missing), or {@code null}
 */
public record KafkaState(boolean reachable, String bootstrapServers, String topic, int partitions,
		Map<Integer, Long> endOffsets, Map<String, Map<Integer, Long>> lag, String error) {

	/** The sum of the end offsets: every record ever written to the topic. */
	public long totalEndOffset() {
		return this.endOffsets.values().stream().mapToLong(Long::longValue).sum();
	}

	/** A group's lag over all partitions. */
	public long totalLag(String group) {
		return this.lag.getOrDefault(group, Map.of()).values().stream().mapToLong(Long::longValue).sum();
	}

}
