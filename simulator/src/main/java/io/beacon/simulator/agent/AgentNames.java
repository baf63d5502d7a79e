package io.beacon.simulator.agent;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Agent ids of one run, {@code sim-<run id>-<n>} with n from 1: a run's audit recognises
 * its own agents among everything else in the archive by the prefix.
 */
public final class AgentNames {

	private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

	private static final int RUN_ID_LENGTH = 6;

	private final String runId;

	private final String prefix;

	public AgentNames(String runId) {
		this.runId = runId;
		this.prefix = "sim-" + runId + "-";
	}

	/**
	 * A new run id: 6 random characters of {@code [0-9a-z]} (2 billion of them).
	 * @return the id
	 */
	public static String newRunId() {
		StringBuilder id = new StringBuilder(RUN_ID_LENGTH);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < RUN_ID_LENGTH; i++) {
			id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return id.toString();
	}

	public String runId() {
		return this.runId;
	}

	/**
	 * What every agent id of the run starts with, followed by its number.
	 * @return e.g. {@code sim-k3x9q2-}
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * The id of an agent.
	 * @param index the agent's index, from 0
	 * @return e.g. {@code sim-k3x9q2-1} for index 0
	 */
	public String name(int index) {
		return this.prefix + (index + 1);
	}

	/**
	 * The index of one of this run's agents.
	 * @param agentId any agent id
	 * @return the index, or -1 when the id is not one of this run's
	 */
	public int indexOf(String agentId) {
		if (agentId == null || !agentId.startsWith(this.prefix)) {
			return -1;
		}
		int length = agentId.length() - this.prefix.length();
		if (length == 0 || length > 10 || agentId.charAt(this.prefix.length()) == '0') {
			return -1;
		}
		long number = 0;
		for (int i = this.prefix.length(); i < agentId.length(); i++) {
			char c = agentId.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			number = number * 10 + (c - '0');
		}
		return (number > Integer.MAX_VALUE) ? -1 : (int) (number - 1);
	}

}
