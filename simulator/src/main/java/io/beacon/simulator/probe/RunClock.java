package io.beacon.simulator.probe;

/**
 * The run's time line, shared by the load and the probes: when sending started (both
 * clocks, so that wall-clock times such as {@code received_at} or the watchtower's
 * {@code checked_at} fall on the run's seconds) and when it stopped.
 */
public final class RunClock {

	private volatile long startNanos;

	private volatile long startEpochMillis;

	private volatile boolean started;

	private volatile long stopEpochMillis = Long.MIN_VALUE;

	/**
	 * Sending starts now.
	 * @param nanos {@link System#nanoTime()}
	 * @param epochMillis {@link System#currentTimeMillis()}
	 */
	public void start(long nanos, long epochMillis) {
		this.startNanos = nanos;
		this.startEpochMillis = epochMillis;
		this.started = true;
	}

	/**
	 * The last send was made.
	 * @param epochMillis {@link System#currentTimeMillis()}
	 */
	public void sendingStopped(long epochMillis) {
		this.stopEpochMillis = epochMillis;
	}

	public boolean started() {
		return this.started;
	}

	public long startNanos() {
		return this.startNanos;
	}

	public long startEpochMillis() {
		return this.startEpochMillis;
	}

	/** Whether the last send was made. */
	public boolean stopped() {
		return this.stopEpochMillis != Long.MIN_VALUE;
	}

	/**
	 * When the last send was made.
	 * @return seconds from the start, NaN while sending
	 */
	public double stopSeconds() {
		return stopped() ? seconds(this.stopEpochMillis) : Double.NaN;
	}

	/**
	 * A wall-clock time on the run's time line.
	 * @param epochMillis the time
	 * @return seconds since sending started (negative before)
	 */
	public double seconds(long epochMillis) {
		return (epochMillis - this.startEpochMillis) / 1000.0;
	}

}
