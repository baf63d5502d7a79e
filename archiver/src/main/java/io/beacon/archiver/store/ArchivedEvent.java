package io.beacon.archiver.store;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One row of the archive.
 *
 * @param id the row's id: increasing in the order rows were archived
 * @param eventId the event's idempotency key
 * @param agentId the agent
 * @param status the status it changed to
 * @param timestamp when the agent says it happened
 * @param metadata the metadata object as the agent sent it, or null
 * @param seq the agent's sequence number, or null
 * @param receivedAt when a gateway received it
 * @param archivedAt when it was archived
 * @param kafkaPartition the partition it was read from
 * @param kafkaOffset its offset there
 */
public record ArchivedEvent(long id, String eventId, String agentId, String status, Instant timestamp,
		@JsonRawValue String metadata, Long seq, Instant receivedAt, Instant archivedAt, int kafkaPartition,
		long kafkaOffset) {

}
