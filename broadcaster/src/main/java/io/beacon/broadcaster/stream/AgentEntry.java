package io.beacon.broadcaster.stream;

/**
 * One agent's latest state, as it goes into {@code snapshot} frames and conflated
 * {@code events} frames: the event without its metadata.
 *
 * @param agentId the agent
 * @param status its status
 * @param seq its sequence number, or {@code null}
 * @param json the state as a JSON object
 */
public record AgentEntry(String agentId, String status, Long seq, byte[] json) {

	/** Whether this state is older than {@code current} by the agent's own count. */
	boolean olderThan(AgentEntry current) {
		return this.seq != null && current.seq != null && this.seq < current.seq;
	}

}
