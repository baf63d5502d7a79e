package io.beacon.simulator.pace;

/**
 * Open-loop pacing: how many sends are due, given the rate schedule and the time. Credit
 * accrues continuously at the scheduled rate and whole sends are handed out as soon as
 * they are earned, so sends are spread evenly (at 20/s one every 50 ms, at 20,000/s about
 * 20 every millisecond) and never depend on how fast answers come back. Not thread-safe:
 * one thread paces.
 */
public final class Pacer {

	private static final double NANOS_PER_SECOND = 1e9;

	/** Longest wait between looks at the schedule, so that a rate change is seen soon. */
	static final long MAX_WAIT_NANOS = 10_000_000L;

	private final RateSchedule schedule;

	private final long startNanos;

	private long lastNanos;

	private double credit;

	/**
	 * A pacer from a moment on.
	 * @param schedule the target rate over time
	 * @param startNanos the run's start, {@link System#nanoTime()}
	 */
	public Pacer(RateSchedule schedule, long startNanos) {
		this.schedule = schedule;
		this.startNanos = startNanos;
		this.lastNanos = startNanos;
	}

	/**
	 * The sends that became due since the last call.
	 * @param nowNanos now, {@link System#nanoTime()}
	 * @return how many to send now
	 */
	public long due(long nowNanos) {
		long elapsed = nowNanos - this.lastNanos;
		if (elapsed <= 0) {
			return 0;
		}
		// the schedule's integral over the step: a step across a rate change (a stall at
		// a burst's edge) earns each rate for its own part of the step only
		this.credit += Math.max(0,
				this.schedule.eventsBetween(this.lastNanos - this.startNanos, nowNanos - this.startNanos));
		this.lastNanos = nowNanos;
		long due = (long) this.credit;
		this.credit -= due;
		return due;
	}

	/**
	 * How long until the next send is due at the present rate, at most
	 * {@link #MAX_WAIT_NANOS}.
	 * @param nowNanos now
	 * @return nanoseconds to wait, 0 when one is due already
	 */
	public long nanosUntilNext(long nowNanos) {
		double rate = this.schedule.eventsPerSecond(nowNanos - this.startNanos);
		if (rate <= 0) {
			return MAX_WAIT_NANOS;
		}
		double nanos = (1 - this.credit) / rate * NANOS_PER_SECOND - (nowNanos - this.lastNanos);
		return (long) Math.max(0, Math.min(MAX_WAIT_NANOS, nanos));
	}

}
