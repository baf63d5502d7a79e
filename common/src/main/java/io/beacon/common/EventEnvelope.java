package io.beacon.common;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canonical record value on the state-transition topic; the record key is
 * {@code agentId}.
 *
 * @param eventId idempotency key, always present on the topic
 * @param agentId who changed state
 * @param status the new state
 * @param timestamp when the agent says it happened (UTC)
 * @param metadata free-form object, or {@code null}
 * @param seq the agent's sequence number, or {@code null}
 * @param receivedAt when the gateway received it (UTC)
 * @param gateway which gateway instance received it
 */
@JsonPropertyOrder({ "event_id", "agent_id", "status", "timestamp", "metadata", "seq", "received_at", "gateway" })
public record EventEnvelope(@JsonProperty("event_id") String eventId, @JsonProperty("agent_id") String agentId,
		@JsonProperty("status") String status, @JsonProperty("timestamp") Instant timestamp,
		@JsonProperty("metadata") ObjectNode metadata, @JsonProperty("seq") Long seq,
		@JsonProperty("received_at") Instant receivedAt, @JsonProperty("gateway") String gateway) {

}
