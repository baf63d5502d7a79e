package io.beacon.common;

import java.time.Instant;

/**
 * The canonical record value on the state-transition topic; the record key is
 * {@code agentId}. Written and read by {@link EventCodec}, as JSON with the fields
 * {@code event_id, agent_id, status, timestamp, metadata, seq, received_at, gateway} in
 * that order.
 *
 * @param eventId idempotency key, always present on the topic
 * @param agentId who changed state
 * @param status the new state
 * @param timestamp when the agent says it happened (UTC)
 * @param metadata free-form JSON object, or {@code null}
 * @param seq the agent's sequence number, or {@code null}
 * @param receivedAt when the gateway received it (UTC)
 * @param gateway which gateway instance received it
 */
public record EventEnvelope(String eventId, String agentId, String status, Instant timestamp, RawJson metadata,
		Long seq, Instant receivedAt, String gateway) {

}
