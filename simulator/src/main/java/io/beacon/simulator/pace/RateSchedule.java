package io.beacon.simulator.pace;

/**
 * The target rate over a run's time, so that a rate can change while a run goes on (a
 * ramp, a burst) without touching the pacer.
 */
@FunctionalInterface
public interface RateSchedule {

	/**
	 * The target at one moment.
	 * @param elapsedNanos time since the run started
	 * @return events per second, 0 or more
	 */
	double eventsPerSecond(long elapsedNanos);

	/**
	 * The sends earned between two moments: the integral of the rate. This default takes
	 * the rate in the middle of the step, exact for a constant or linearly changing rate;
	 * a schedule with steps overrides it, so that a step of the pacer across a change
	 * (after a stall) earns each rate for its own share of the step only.
	 * @param fromNanos the step's start, since the run started
	 * @param toNanos the step's end, since the run started
	 * @return events, 0 or more
	 */
	default double eventsBetween(long fromNanos, long toNanos) {
		if (toNanos <= fromNanos) {
			return 0;
		}
		double rate = Math.max(0, eventsPerSecond(fromNanos + (toNanos - fromNanos) / 2));
		return rate * (toNanos - fromNanos) / 1e9;
	}

	/**
	 * The same rate all along.
	 * @param eventsPerSecond the rate
	 * @return the schedule
	 */
	static RateSchedule constant(double eventsPerSecond) {
		return (elapsed) -> eventsPerSecond;
	}

	/**
	 * A steady rate with one burst: {@code burstRate} during {@code [atNanos, atNanos +
	 * forNanos)}, {@code rate} before and after.
	 * @param rate the rate outside the burst
	 * @param burstRate the rate during the burst
	 * @param atNanos when the burst starts, since the run started
	 * @param forNanos how long it lasts
	 * @return the schedule
	 */
	static BurstSchedule burst(double rate, double burstRate, long atNanos, long forNanos) {
		return new BurstSchedule(rate, burstRate, atNanos, forNanos);
	}

}
