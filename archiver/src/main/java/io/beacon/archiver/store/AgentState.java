package io.beacon.archiver.store;

import java.time.Instant;

/**
 * An agent's current state: its newest archived event (by offset) whose {@code seq} is
 * not lower than an earlier one's.
 *
 * @param agentId the agent
 * @param status its current status
 * @param timestamp when the agent says the status began
 * @param eventId the event that set it
 * @param seq that event's {@code seq}, or null
 * @param kafkaPartition that event's partition
 * @param kafkaOffset that event's offset
 * @param eventCount events archived for the agent
 * @param updatedAt when the archive last wrote an event of the agent
 */
public record AgentState(String agentId, String status, Instant timestamp, String eventId, Long seq, int kafkaPartition,
		long kafkaOffset, long eventCount, Instant updatedAt) {

}
