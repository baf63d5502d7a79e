package io.beacon.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Objects;

/**
 * RFC 3339 timestamps with a mandatory zone. The common shape,
 * {@code yyyy-MM-ddTHH:mm:ss[.f…]} then {@code Z} or {@code ±HH:MM}, is read by hand
 * without allocating, several times faster than {@link DateTimeFormatter}; anything else
 * goes to the formatter, which has the last word on what is valid. Every entry point
 * accepts exactly what the formatter accepts.
 */
public final class Timestamps {

	/**
	 * What {@link #epochMicros(byte[], int, int)} and
	 * {@link #epochMicros(char[], int, int)} answer for text that is not a timestamp.
	 */
	public static final long INVALID = Long.MIN_VALUE;

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

	/** Where the fraction's {@code .} or the zone of the common shape starts. */
	private static final int END_OF_SECONDS = 19;

	private Timestamps() {
	}

	/**
	 * Parse a timestamp.
	 * @param text the candidate
	 * @return the instant, or {@code null} when {@link #problem} has something to say
	 */
	static Instant parse(String text) {
		long epochSecond = commonShapeSeconds(text, 0, text.length());
		if (epochSecond != INVALID) {
			return Instant.ofEpochSecond(epochSecond, fractionNanos(text, 0, text.length()));
		}
		return parseSlowly(text);
	}

	/**
	 * The timestamp in some bytes, such as a JSON string inside a received frame, without
	 * allocating for the common shape. Accepts exactly the timestamps the event contract
	 * accepts (see the class comment); bytes are read as UTF-8.
	 * @param text the bytes
	 * @param offset the first byte of the timestamp
	 * @param length how many bytes it has
	 * @return microseconds since the epoch, a finer fraction rounded towards the past, or
	 * {@link #INVALID} when the text is not a timestamp or its microseconds overflow a
	 * {@code long}
	 * @throws IndexOutOfBoundsException when the range is not inside {@code text}
	 */
	public static long epochMicros(byte[] text, int offset, int length) {
		Objects.checkFromIndexSize(offset, length, text.length);
		long micros = commonShapeMicros(text, offset, length);
		return (micros != INVALID) ? micros
				: micros(parseSlowly(new String(text, offset, length, StandardCharsets.UTF_8)));
	}

	/**
	 * The timestamp in some characters, such as a JSON parser's buffer, without
	 * allocating for the common shape. Accepts exactly the timestamps the event contract
	 * accepts (see the class comment).
	 * @param text the characters
	 * @param offset the first character of the timestamp
	 * @param length how many characters it has
	 * @return microseconds since the epoch, a finer fraction rounded towards the past, or
	 * {@link #INVALID} when the text is not a timestamp or its microseconds overflow a
	 * {@code long}
	 * @throws IndexOutOfBoundsException when the range is not inside {@code text}
	 */
	public static long epochMicros(char[] text, int offset, int length) {
		Objects.checkFromIndexSize(offset, length, text.length);
		long micros = commonShapeMicros(text, offset, length);
		return (micros != INVALID) ? micros : micros(parseSlowly(new String(text, offset, length)));
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

	private static Instant parseSlowly(String text) {
		try {
			return OffsetDateTime.parse(text, RFC_3339).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** Microseconds since the epoch, or {@link #INVALID} for none or an overflow. */
	private static long micros(Instant instant) {
		if (instant == null) {
			return INVALID;
		}
		try {
			return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
		}
		catch (ArithmeticException ex) {
			return INVALID;
		}
	}

	/**
	 * Microseconds since the epoch of the common shape (years 0000 to 9999, which cannot
	 * overflow), or {@link #INVALID} for anything else.
	 */
	private static long commonShapeMicros(Object text, int offset, int length) {
		long epochSecond = commonShapeSeconds(text, offset, length);
		return (epochSecond != INVALID) ? epochSecond * 1_000_000L + fractionNanos(text, offset, length) / 1000
				: INVALID;
	}

	/**
	 * Seconds since the epoch of the common shape, its fraction aside, or
	 * {@link #INVALID} for anything else, including impossible dates, which the formatter
	 * then refuses.
	 * @param text a {@code String}, {@code byte[]} or {@code char[]} (see
	 * {@link #charAt})
	 */
	private static long commonShapeSeconds(Object text, int offset, int length) {
		if (length < END_OF_SECONDS + 1 || charAt(text, offset + 4) != '-' || charAt(text, offset + 7) != '-'
				|| (charAt(text, offset + 10) != 'T' && charAt(text, offset + 10) != 't')
				|| charAt(text, offset + 13) != ':' || charAt(text, offset + 16) != ':') {
			return INVALID;
		}
		int year = digits(text, offset, 4);
		int month = digits(text, offset + 5, 2);
		int day = digits(text, offset + 8, 2);
		int hour = digits(text, offset + 11, 2);
		int minute = digits(text, offset + 14, 2);
		int second = digits(text, offset + 17, 2);
		if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
				|| day > lengthOfMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
			return INVALID;
		}
		int zone = offset + END_OF_SECONDS;
		int end = offset + length;
		if (charAt(text, zone) == '.') {
			int start = ++zone;
			while (zone < end && zone - start < 9 && isDigit(charAt(text, zone))) {
				zone++;
			}
			if (zone == start || (zone < end && isDigit(charAt(text, zone)))) {
				return INVALID;
			}
		}
		int offsetSeconds = offsetSeconds(text, zone, end);
		if (offsetSeconds == Integer.MIN_VALUE) {
			return INVALID;
		}
		return epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
	}

	/** The nanoseconds of a fraction {@link #commonShapeSeconds} accepted; 0 for none. */
	private static int fractionNanos(Object text, int offset, int length) {
		int position = offset + END_OF_SECONDS;
		if (charAt(text, position) != '.') {
			return 0;
		}
		int end = offset + length;
		int nanos = 0;
		int digits = 0;
		for (position++; position < end && digits < 9 && isDigit(charAt(text, position)); position++, digits++) {
			nanos = nanos * 10 + (charAt(text, position) - '0');
		}
		for (; digits < 9; digits++) {
			nanos *= 10;
		}
		return nanos;
	}

	/**
	 * The zone from {@code position} to {@code end} as seconds east of UTC, or
	 * {@code MIN_VALUE}.
	 */
	private static int offsetSeconds(Object text, int position, int end) {
		int remaining = end - position;
		int sign = (remaining > 0) ? charAt(text, position) : ' ';
		if (remaining == 1 && (sign == 'Z' || sign == 'z')) {
			return 0;
		}
		if (remaining != 6 || (sign != '+' && sign != '-') || charAt(text, position + 3) != ':') {
			return Integer.MIN_VALUE;
		}
		int hours = digits(text, position + 1, 2);
		int minutes = digits(text, position + 4, 2);
		if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59 || (hours == 18 && minutes > 0)) {
			return Integer.MIN_VALUE;
		}
		int seconds = hours * 3600 + minutes * 60;
		return (sign == '-') ? -seconds : seconds;
	}

	/** The digits as a number, or -1 when one is not an ASCII digit. */
	private static int digits(Object text, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			int c = charAt(text, i);
			if (!isDigit(c)) {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	/**
	 * One character of the text, a byte as its unsigned value: the common shape is ASCII,
	 * and no byte of a multi-byte UTF-8 sequence is one. One reader for the three kinds
	 * of text, without wrapping arrays in objects. Strings first: every event the gateway
	 * and the archiver read has its timestamps as strings.
	 */
	private static int charAt(Object text, int index) {
		if (text instanceof String string) {
			return string.charAt(index);
		}
		if (text instanceof byte[] bytes) {
			return bytes[index] & 0xFF;
		}
		return ((char[]) text)[index];
	}

	private static boolean isDigit(int c) {
		return c >= '0' && c <= '9';
	}

	private static int lengthOfMonth(int year, int month) {
		if (month == 2) {
			return IsoChronology.INSTANCE.isLeapYear(year) ? 29 : 28;
		}
		return (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
	}

	/**
	 * Days since 1970-01-01 of a valid proleptic Gregorian date (H. Hinnant's
	 * {@code days_from_civil}), without the {@code LocalDate} that
	 * {@link java.time.LocalDate#toEpochDay()} needs.
	 */
	static long epochDay(int year, int month, int day) {
		long y = (month <= 2) ? year - 1 : year;
		long era = Math.floorDiv(y, 400);
		long yearOfEra = y - era * 400;
		long dayOfYear = (153L * (month + ((month > 2) ? -3 : 9)) + 2) / 5 + day - 1;
		long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
		return era * 146_097 + dayOfEra - 719_468;
	}

}
