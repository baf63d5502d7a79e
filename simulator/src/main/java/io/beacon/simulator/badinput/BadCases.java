package io.beacon.simulator.badinput;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;

import io.beacon.common.EventLimits;

/**
 * The fixed mix of malformed requests, and what the gateway answers each (DESIGN §2 and
 * the gateway's handler): 400 {@code invalid_event} naming the field (and a batch item's
 * index), 413 {@code payload_too_large}, 415 {@code unsupported_media_type}, 405
 * {@code method_not_allowed}.
 */
final class BadCases {

	static final String STATE = "/ingest/state";

	static final String BATCH = "/ingest/batch";

	static final String JSON = "application/json";

	static final int MAX_REQUEST_BYTES = 1024 * 1024;

	private static final String INVALID = "invalid_event";

	private static final String ROOT = "$";

	private BadCases() {
	}

	/**
	 * The cases.
	 * @param agentId the agent the otherwise valid events are from
	 * @return the cases, in the order they are sent
	 */
	static List<BadCase> all(String agentId) {
		String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
		String valid = event(agentId, timestamp, "");
		return List.of(BadCase.post("not JSON", STATE, JSON, "agent_id=a&status=running", 400, INVALID, ROOT),
				BadCase.post("missing agent_id", STATE, JSON,
						"{\"status\":\"running\",\"timestamp\":\"" + timestamp + "\"}", 400, INVALID, "agent_id"),
				BadCase.post("agent_id with a space and !", STATE, JSON, event("agent one!", timestamp, ""), 400,
						INVALID, "agent_id"),
				BadCase.post("agent_id of 129 characters", STATE, JSON,
						event("a".repeat(EventLimits.MAX_ID_LENGTH + 1), timestamp, ""), 400, INVALID, "agent_id"),
				BadCase.post("timestamp not RFC 3339", STATE, JSON, event(agentId, "26/06/2026 12:00", ""), 400,
						INVALID, "timestamp"),
				BadCase.post("timestamp without a zone", STATE, JSON, event(agentId, "2026-06-26T12:00:00", ""), 400,
						INVALID, "timestamp"),
				BadCase.post("metadata not an object", STATE, JSON,
						event(agentId, timestamp, ",\"metadata\":\"web_search\""), 400, INVALID, "metadata"),
				BadCase.post("metadata over 16 KiB", STATE, JSON,
						event(agentId, timestamp,
								",\"metadata\":{\"pad\":\"" + "x".repeat(EventLimits.MAX_METADATA_BYTES) + "\"}"),
						400, INVALID, "metadata"),
				BadCase.post("negative seq", STATE, JSON, event(agentId, timestamp, ",\"seq\":-1"), 400, INVALID,
						"seq"),
				BadCase
					.post("Content-Type text/plain", STATE, "text/plain", valid, 415, "unsupported_media_type", null),
				BadCase.post("no Content-Type", STATE, null, valid, 415, "unsupported_media_type", null),
				BadCase.post("body over 1 MiB", STATE, JSON,
						event(agentId, timestamp, ",\"metadata\":{\"pad\":\"" + "x".repeat(MAX_REQUEST_BYTES) + "\"}"),
						413, "payload_too_large", null),
				BadCase
					.post("batch, item 1 of 3 bad", BATCH, JSON,
							"[" + valid + ",{\"agent_id\":\"" + agentId + "\"}," + valid + "]", 400, INVALID, "status")
					.atIndex(1),
				BadCase.post("empty batch", BATCH, JSON, "[]", 400, INVALID, ROOT),
				BadCase.post("batch of 1,001 events", BATCH, JSON,
						"[" + String.join(",", Collections.nCopies(EventLimits.MAX_BATCH_SIZE + 1, valid)) + "]", 400,
						INVALID, ROOT),
				BadCase.post("batch not an array", BATCH, JSON, valid, 400, INVALID, ROOT), new BadCase(
						"GET instead of POST", STATE, true, null, new byte[0], 405, "method_not_allowed", null, null));
	}

	private static String event(String agentId, String timestamp, String more) {
		return "{\"agent_id\":\"" + agentId + "\",\"status\":\"running\",\"timestamp\":\"" + timestamp + "\"" + more
				+ "}";
	}

}
