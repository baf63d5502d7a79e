package io.beacon.gateway;

/**
 * Request bodies for tests.
 */
final class Events {

	private Events() {
	}

	static String event(String agentId, String status, long seq) {
		return "{\"agent_id\":\"" + agentId + "\",\"status\":\"" + status
				+ "\",\"timestamp\":\"2026-06-26T12:00:00Z\",\"metadata\":{\"task\":\"web_search\"},\"seq\":" + seq
				+ "}";
	}

	static String eventWithId(String agentId, String eventId, long seq) {
		return event(agentId, "running", seq).replace("{\"agent_id\"",
				"{\"event_id\":\"" + eventId + "\",\"agent_id\"");
	}

}
