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
	 * The same rate all along.
	 * @param eventsPerSecond the rate
	 * @return the schedule
	 */
	static RateSchedule constant(double eventsPerSecond) {
		return (elapsed) -> eventsPerSecond;
	}

}
