package io.beacon.common;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * RFC 3339 timestamps with a mandatory zone. The common shape is read by hand, several
 * times faster than {@link DateTimeFormatter}; anything else goes to the formatter, which
 * has the last word on what is valid.
 */
final class Timestamps {

	/** RFC 3339 allows lower-case {@code t} and {@code z}; the zone is mandatory. */
	private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder().parseCaseInsensitive()
		.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
		.appendOffsetId()
		.toFormatter(Locale.ROOT)
		.withChronology(IsoChronology.INSTANCE)
		.withResolverStyle(ResolverStyle.STRICT);

	static final String NO_ZONE = "must have a zone: add Z or an offset such as +02:00 (RFC 3339)";

	static final String NOT_RFC_3339 = "must be an RFC 3339 timestamp with a zone, such as 2026-06-26T12:00:00Z";

	private static final int SECONDS_PER_DAY = 86_400;

	private Timestamps() {
	}

	/**
	 * Parse a timestamp.
	 * @param text the candidate
	 * @return the instant, or {@code null} when {@link #problem} has something to say
	 */
	static Instant parse(String text) {
		Instant fast = parseCommonShape(text);
		if (fast != null) {
			return fast;
		}
		try {
			return OffsetDateTime.parse(text, RFC_3339).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * Why a timestamp {@link #parse} refused is wrong.
	 * @param text the refused text
	 * @return the message
	 */
	static String problem(String text) {
		try {
			LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
			return NO_ZONE;
		}
		catch (DateTimeParseException ex) {
			return NOT_RFC_3339;
		}
	}

	/**
	 * {@code yyyy-MM-ddTHH:mm:ss[.f…]} then {@code Z} or {@code ±HH:MM}; {@code null} for
	 * anything else, including impossible dates, which the formatter then refuses.
	 */
	private static Instant parseCommonShape(String s) {
		int length = s.length();
		if (length < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't')
				|| s.charAt(13) != ':' || s.charAt(16) != ':') {
			return null;
		}
		int year = digits(s, 0, 4);
		int month = digits(s, 5, 2);
		int day = digits(s, 8, 2);
		int hour = digits(s, 11, 2);
		int minute = digits(s, 14, 2);
		int second = digits(s, 17, 2);
		if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
			return null;
		}
		int position = 19;
		int nanos = 0;
		if (s.charAt(position) == '.') {
			int start = ++position;
			while (position < length && position - start < 9 && isDigit(s.charAt(position))) {
				nanos = nanos * 10 + (s.charAt(position++) - '0');
			}
			int fractionDigits = position - start;
			if (fractionDigits == 0 || (position < length && isDigit(s.charAt(position)))) {
				return null;
			}
			for (int i = fractionDigits; i < 9; i++) {
				nanos *= 10;
			}
		}
		int offsetSeconds = offsetSeconds(s, position);
		if (offsetSeconds == Integer.MIN_VALUE) {
			return null;
		}
		try {
			long epochDay = LocalDate.of(year, month, day).toEpochDay();
			long epochSecond = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
			return Instant.ofEpochSecond(epochSecond, nanos);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** The zone at {@code position} as seconds east of UTC, or {@code MIN_VALUE}. */
	private static int offsetSeconds(String s, int position) {
		int remaining = s.length() - position;
		char sign = (remaining > 0) ? s.charAt(position) : ' ';
		if (remaining == 1 && (sign == 'Z' || sign == 'z')) {
			return 0;
		}
		if (remaining != 6 || (sign != '+' && sign != '-') || s.charAt(position + 3) != ':') {
			return Integer.MIN_VALUE;
		}
		int hours = digits(s, position + 1, 2);
		int minutes = digits(s, position + 4, 2);
		if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59 || (hours == 18 && minutes > 0)) {
			return Integer.MIN_VALUE;
		}
		int seconds = hours * 3600 + minutes * 60;
		return (sign == '-') ? -seconds : seconds;
	}

	private static int digits(String s, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			char c = s.charAt(i);
			if (!isDigit(c)) {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
