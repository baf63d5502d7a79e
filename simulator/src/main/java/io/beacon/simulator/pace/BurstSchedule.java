package io.beacon.simulator.pace;

/**
 * A steady rate with one burst in it: {@code burstRate} during {@code [atNanos, atNanos +
 * forNanos)}, {@code rate} before and after. The sends of a step are the exact integral,
 * so a pacer step that spans an edge of the burst (the pacer thread stalled) earns the
 * burst rate only for the part of the step inside the burst: no burst-rate backlog is
 * carried past its end, and none is missed at its start.
 *
 * @param rate events per second outside the burst
 * @param burstRate events per second during the burst
 * @param atNanos the burst's start, since the run started
 * @param forNanos the burst's length
 */
public record BurstSchedule(double rate, double burstRate, long atNanos, long forNanos) implements RateSchedule {

	/** The burst's end, since the run started (excluded from it). */
	public long endNanos() {
		return this.atNanos + this.forNanos;
	}

	/**
	 * Whether a moment is in the burst.
	 * @param elapsedNanos time since the run started
	 * @return whether the burst rate applies
	 */
	public boolean inBurst(long elapsedNanos) {
		return elapsedNanos >= this.atNanos && elapsedNanos < endNanos();
	}

	@Override
	public double eventsPerSecond(long elapsedNanos) {
		return inBurst(elapsedNanos) ? this.burstRate : this.rate;
	}

	@Override
	public double eventsBetween(long fromNanos, long toNanos) {
		if (toNanos <= fromNanos) {
			return 0;
		}
		long burstFrom = Math.max(fromNanos, this.atNanos);
		long burstTo = Math.min(toNanos, endNanos());
		long inBurst = Math.max(0, burstTo - burstFrom);
		long outside = (toNanos - fromNanos) - inBurst;
		return (inBurst * this.burstRate + outside * this.rate) / 1e9;
	}

}
