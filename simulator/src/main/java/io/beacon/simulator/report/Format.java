package io.beacon.simulator.report;

import java.util.Locale;

/** Numbers as the reports show them. */
public final class Format {

	private Format() {
	}

	/**
	 * A count with thousands separators: {@code 12,345}.
	 * @param value the count
	 * @return the text
	 */
	public static String count(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

	/**
	 * A rate: {@code 20.0}, {@code 12,345}.
	 * @param value per second
	 * @return the text
	 */
	public static String rate(double value) {
		return (value < 100) ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
	}

	/**
	 * A latency in milliseconds: {@code 0.42 ms}, {@code 3.1 ms}, {@code 1,204 ms}.
	 * @param micros microseconds
	 * @return the text
	 */
	public static String millis(long micros) {
		double millis = micros / 1000.0;
		if (millis < 1) {
			return String.format(Locale.ROOT, "%.2f ms", millis);
		}
		return (millis < 100) ? String.format(Locale.ROOT, "%.1f ms", millis)
				: String.format(Locale.ROOT, "%,.0f ms", millis);
	}

	/**
	 * Seconds: {@code 3.0 s}.
	 * @param nanos nanoseconds
	 * @return the text
	 */
	public static String seconds(long nanos) {
		return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
	}

}
