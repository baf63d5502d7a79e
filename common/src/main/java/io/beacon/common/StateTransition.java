package io.beacon.common;

import java.time.Instant;

/**
 * A validated ingest request: one agent's state transition as the agent sent it.
 *
 * @param agentId who changed state
 * @param status the new state
 * @param timestamp when the agent says it happened
 * @param metadata free-form JSON object as it arrived, or {@code null} when absent
 * @param eventId the client's idempotency key, or {@code null} to have one assigned
 * @param seq the agent's sequence number, or {@code null}
 */
public record StateTransition(String agentId, String status, Instant timestamp, RawJson metadata, String eventId,
		Long seq) {

	/**
	 * The envelope that goes to Kafka for this transition.
	 * @param assignedEventId the id to use when the client sent none
	 * @param receivedAt when the gateway received it
	 * @param gateway which gateway instance received it
	 * @return the envelope
	 */
	public EventEnvelope toEnvelope(String assignedEventId, Instant receivedAt, String gateway) {
		return new EventEnvelope((this.eventId != null) ? this.eventId : assignedEventId, this.agentId, this.status,
				this.timestamp, this.metadata, this.seq, receivedAt, gateway);
	}

}
