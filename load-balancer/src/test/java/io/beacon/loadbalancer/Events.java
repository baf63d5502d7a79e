package io.beacon.loadbalancer;

/** Request bodies for tests. */
final class Events {

	private Events() {
	}

	static String event(String agentId, long seq) {
		return "{\"agent_id\":\"" + agentId
				+ "\",\"status\":\"running\",\"timestamp\":\"2026-12-05T12:00:00Z\",\"metadata\":{\"task\":\"lb\"},\"seq\":"
				+ seq + "}";
	}

}
