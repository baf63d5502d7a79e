package io.beacon.broadcaster.stream;

/**
 * One event read from the topic, ready to be sent: its JSON is built once and shared by
 * every client.
 *
 * @param agentId the agent
 * @param status its new status
 * @param receivedAtMillis when the gateway received it, epoch milliseconds
 * @param json the event as a JSON object: the topic envelope plus {@code partition} and
 * {@code offset}
 * @param state the agent's state after this event
 */
public record LiveEvent(String agentId, String status, long receivedAtMillis, byte[] json, AgentEntry state) {

}
