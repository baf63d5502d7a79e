package io.beacon.bench.broadcast;

/**
 * How one step of the rate search went. A step passes when the healthy clients' p99 stays
 * under the limit, none of them missed an event (a skipped event never arrives, however
 * good the delays of the others) and the producer offered the rate it was asked for. The
 * search stops at the first step that does not pass.
 */
enum StepVerdict {

	/** p99 under the limit, nothing lost, the rate held. */
	PASS,

	/** The healthy clients' p99 reached the limit. */
	SLOW,

	/** A healthy client missed events (conflated or cut off). */
	LOST,

	/**
	 * The broadcaster kept up with what was offered, but the producer could not offer the
	 * rate on this machine: the step says nothing about the rate asked for.
	 */
	PRODUCER_BEHIND;

	/** The producer must offer at least this share of the rate asked for. */
	static final double HELD_SHARE = 0.97;

	/**
	 * Judge a step.
	 * @param targetRate events/s asked for
	 * @param achievedRate events/s the producer sent
	 * @param p99Millis the healthy clients' p99 delay
	 * @param lost events the healthy clients missed, all together
	 * @param limitMillis the p99 limit
	 * @return the verdict; a broadcaster that failed at the rate it was offered fails
	 * whether or not the producer held the target
	 */
	static StepVerdict of(double targetRate, double achievedRate, double p99Millis, long lost, double limitMillis) {
		if (lost > 0) {
			return LOST;
		}
		if (Double.isNaN(p99Millis) || p99Millis >= limitMillis) {
			return SLOW;
		}
		if (achievedRate < HELD_SHARE * targetRate) {
			return PRODUCER_BEHIND;
		}
		return PASS;
	}

	/**
	 * As it appears in the {@code BENCH} lines: {@code pass}, {@code producer-behind}, …
	 */
	String label() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
