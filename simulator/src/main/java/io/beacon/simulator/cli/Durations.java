package io.beacon.simulator.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them: {@code 30s}, {@code 2m}, {@code 1h30m}, {@code 500ms},
 * {@code 1.5s}, or a bare number of seconds.
 */
final class Durations {

	private static final Pattern BARE_SECONDS = Pattern.compile("\\d+(\\.\\d+)?");

	private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

	private static final long MAX_DAYS = 365;

	private Durations() {
	}

	/**
	 * Parse a duration.
	 * @param text the text
	 * @return the duration, or {@code null} when the text is not one
	 */
	static Duration parse(String text) {
		String trimmed = text.trim().toLowerCase(Locale.ROOT);
		if (BARE_SECONDS.matcher(trimmed).matches()) {
			return of(new BigDecimal(trimmed), "s");
		}
		Matcher part = PART.matcher(trimmed);
		Duration total = Duration.ZERO;
		int position = 0;
		while (position < trimmed.length()) {
			if (!part.find(position) || part.start() != position) {
				return null;
			}
			Duration one = of(new BigDecimal(part.group(1)), part.group(2));
			if (one == null) {
				return null;
			}
			total = total.plus(one);
			position = part.end();
		}
		return (position == 0 || total.toDays() > MAX_DAYS) ? null : total;
	}

	private static Duration of(BigDecimal amount, String unit) {
		BigDecimal nanosPerUnit = switch (unit) {
			case "ms" -> BigDecimal.valueOf(1_000_000L);
			case "s" -> BigDecimal.valueOf(1_000_000_000L);
			case "m" -> BigDecimal.valueOf(60_000_000_000L);
			default -> BigDecimal.valueOf(3_600_000_000_000L);
		};
		BigDecimal nanos = amount.multiply(nanosPerUnit);
		// beyond a year is a typo, and would overflow long nanoseconds further on
		if (nanos.compareTo(BigDecimal.valueOf(Duration.ofDays(MAX_DAYS).toNanos())) > 0) {
			return null;
		}
		return Duration.ofNanos(nanos.longValue());
	}

	/**
	 * A duration as it would be typed: {@code 30s}, {@code 2m}, {@code 1.5s},
	 * {@code 250ms}.
	 * @param duration the duration
	 * @return the text
	 */
	static String format(Duration duration) {
		long millis = duration.toMillis();
		if (millis % 3_600_000 == 0 && millis > 0) {
			return (millis / 3_600_000) + "h";
		}
		if (millis % 60_000 == 0 && millis > 0) {
			return (millis / 60_000) + "m";
		}
		if (millis % 1000 == 0) {
			return (millis / 1000) + "s";
		}
		return (millis < 1000) ? millis + "ms"
				: BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
	}

}
