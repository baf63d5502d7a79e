package io.beacon.simulator.agent;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The statuses a simulated agent reports, each the state it has just entered. */
public enum AgentStatus {

	IDLE, RUNNING, WAITING, COMPLETED, ERROR;

	private final String json = name().toLowerCase(Locale.ROOT);

	private final byte[] utf8 = this.json.getBytes(StandardCharsets.US_ASCII);

	/**
	 * The status as it goes on the wire.
	 * @return e.g. {@code running}
	 */
	public String json() {
		return this.json;
	}

	byte[] utf8() {
		return this.utf8;
	}

}
