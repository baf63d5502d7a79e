package io.beacon.simulator.agent;

/**
 * One agent's state machine: idle → running → waiting → running → completed | error →
 * idle, and round again. Each call to {@link #advance()} is one state transition, which
 * the agent reports as one event. Whether a round ends in {@code error} is drawn from the
 * agent's own small random sequence, so a run is the same for the same seed.
 */
final class Lifecycle {

	/** About one round in this many ends in {@code error}. */
	static final int ERROR_ONE_IN = 10;

	private AgentStatus current;

	private boolean waitedThisRound;

	private long random;

	Lifecycle(long seed) {
		// xorshift never leaves zero
		this.random = (seed == 0) ? 0x9E3779B97F4A7C15L : seed;
	}

	/**
	 * The status the agent last entered, {@code null} before its first event.
	 * @return the status
	 */
	AgentStatus current() {
		return this.current;
	}

	/**
	 * Make the next transition.
	 * @return the status entered
	 */
	AgentStatus advance() {
		this.current = next();
		return this.current;
	}

	private AgentStatus next() {
		if (this.current == null) {
			return AgentStatus.IDLE;
		}
		return switch (this.current) {
			case IDLE, WAITING -> AgentStatus.RUNNING;
			case RUNNING -> {
				if (!this.waitedThisRound) {
					this.waitedThisRound = true;
					yield AgentStatus.WAITING;
				}
				this.waitedThisRound = false;
				yield (nextRandom() % ERROR_ONE_IN == 0) ? AgentStatus.ERROR : AgentStatus.COMPLETED;
			}
			case COMPLETED, ERROR -> AgentStatus.IDLE;
		};
	}

	private long nextRandom() {
		long x = this.random;
		x ^= x << 13;
		x ^= x >>> 7;
		x ^= x << 17;
		this.random = x;
		return x >>> 1;
	}

}
