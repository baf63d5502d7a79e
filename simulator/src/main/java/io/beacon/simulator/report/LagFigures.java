package io.beacon.simulator.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The archive lag through the run, from the watchtower: how far behind the archiver was,
 * and how soon it caught up after the burst and after the last send.
 *
 * @param url the watchtower
 * @param normal the lag (records) that counts as normal
 * @param polls requests made
 * @param failures requests without a usable answer
 * @param starting answers {@code 503 starting}
 * @param series the distinct measurements, on the run's time line (by the watchtower's
 * {@code checked_at})
 * @param burstEndSeconds the burst's end, or NaN without a burst
 * @param stopSeconds when the last send was made, or NaN
 */
public record LagFigures(String url, long normal, long polls, long failures, long starting, List<Sample> series,
		double burstEndSeconds, double stopSeconds) {

	/** The promise: normal again this soon after the burst. */
	public static final double SLO_RECOVERY_SECONDS = 30;

	public LagFigures {
		series = List.copyOf(series);
	}

	/**
	 * The highest lag.
	 * @return the sample, or {@code null} when there is none
	 */
	public Sample max() {
		Sample max = null;
		for (Sample sample : this.series) {
			if (max == null || sample.lag() > max.lag()) {
				max = sample;
			}
		}
		return max;
	}

	/**
	 * The measurement nearest to the burst's end.
	 * @return the sample, or {@code null}
	 */
	public Sample atBurstEnd() {
		if (Double.isNaN(this.burstEndSeconds)) {
			return null;
		}
		Sample nearest = null;
		for (Sample sample : this.series) {
			if (nearest == null
					|| Math.abs(sample.t() - this.burstEndSeconds) < Math.abs(nearest.t() - this.burstEndSeconds)) {
				nearest = sample;
			}
		}
		return nearest;
	}

	/**
	 * How long after the burst's end the first measurement at or under {@link #normal}
	 * came.
	 * @return seconds, or NaN without a burst or when the lag never got there
	 */
	public double recoverySeconds() {
		if (Double.isNaN(this.burstEndSeconds)) {
			return Double.NaN;
		}
		for (Sample sample : this.series) {
			if (sample.t() >= this.burstEndSeconds && sample.lag() <= this.normal) {
				return sample.t() - this.burstEndSeconds;
			}
		}
		return Double.NaN;
	}

	/**
	 * How long after the last send the first measurement of 0 came.
	 * @return seconds, or NaN when sending did not stop or the lag never got there
	 */
	public double drainSeconds() {
		if (Double.isNaN(this.stopSeconds)) {
			return Double.NaN;
		}
		for (Sample sample : this.series) {
			if (sample.t() > this.stopSeconds && sample.lag() == 0) {
				return sample.t() - this.stopSeconds;
			}
		}
		return Double.NaN;
	}

	/**
	 * The median time between measurements: the watchtower's poll interval, which bounds
	 * how precise the times above are.
	 * @return seconds, or NaN with fewer than two
	 */
	public double sampleIntervalSeconds() {
		List<Double> gaps = new ArrayList<>();
		for (int i = 1; i < this.series.size(); i++) {
			gaps.add(this.series.get(i).t() - this.series.get(i - 1).t());
		}
		if (gaps.isEmpty()) {
			return Double.NaN;
		}
		gaps.sort(Double::compare);
		return gaps.get(gaps.size() / 2);
	}

	/**
	 * Why the lag promise failed.
	 * @return the reason, or {@code null} when it held
	 */
	public String sloFailure() {
		if (Double.isNaN(this.burstEndSeconds)) {
			return null;
		}
		double recovery = recoverySeconds();
		if (Double.isNaN(recovery)) {
			return "archive lag not back to normal (at most " + Format.count(this.normal) + " records) after the burst"
					+ (this.series.isEmpty() ? ": no lag measured" : "");
		}
		if (recovery > SLO_RECOVERY_SECONDS) {
			return String.format(Locale.ROOT,
					"archive lag back to normal %.1f s after the burst ended (must be within 30 s)", recovery);
		}
		return null;
	}

	/**
	 * One measurement.
	 *
	 * @param t seconds from the start of sending
	 * @param lag records the archiver's group is behind
	 */
	public record Sample(double t, long lag) {

	}

}
