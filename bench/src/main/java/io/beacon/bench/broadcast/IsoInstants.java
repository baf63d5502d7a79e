package io.beacon.bench.broadcast;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * Epoch milliseconds of the {@code received_at} instants in the broadcaster's frames,
 * read straight from the parser's characters. Four healthy clients read every event, on
 * the same two cores as the broadcaster: {@link Instant#parse} and a {@code String} per
 * event would be load the machine pays for twice over.
 */
final class IsoInstants {

	/** What {@link #epochMillis} returns for text that is no instant. */
	static final long UNREADABLE = Long.MIN_VALUE;

	private static final long MILLIS_PER_DAY = 86_400_000L;

	private IsoInstants() {
	}

	/**
	 * The instant as {@link Instant#toString()} writes it in UTC
	 * ({@code 2026-12-05T10:15:30.123456Z}, fraction optional), by hand; anything else
	 * through {@link Instant#parse}.
	 * @param text the characters
	 * @param offset where the instant starts
	 * @param length its length
	 * @return Unix milliseconds (fractions of a millisecond dropped), or
	 * {@link #UNREADABLE}
	 */
	static long epochMillis(char[] text, int offset, int length) {
		long fast = commonShape(text, offset, length);
		if (fast != UNREADABLE) {
			return fast;
		}
		try {
			return Instant.parse(new String(text, offset, length)).toEpochMilli();
		}
		catch (DateTimeException | ArithmeticException ex) {
			return UNREADABLE;
		}
	}

	private static long commonShape(char[] c, int at, int length) {
		if (length < 20 || c[at + 4] != '-' || c[at + 7] != '-' || c[at + 10] != 'T' || c[at + 13] != ':'
				|| c[at + 16] != ':' || c[at + length - 1] != 'Z') {
			return UNREADABLE;
		}
		int year = digits(c, at, 4);
		int month = digits(c, at + 5, 2);
		int day = digits(c, at + 8, 2);
		int hour = digits(c, at + 11, 2);
		int minute = digits(c, at + 14, 2);
		int second = digits(c, at + 17, 2);
		if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1 || day > 31
				|| hour > 23 || minute > 59 || second > 59) {
			return UNREADABLE;
		}
		int millis = 0;
		int fractionEnd = at + length - 1;
		if (at + 19 < fractionEnd) {
			int fraction = fractionEnd - (at + 20);
			if (c[at + 19] != '.' || fraction < 1 || fraction > 9 || digits(c, at + 20, fraction) < 0) {
				return UNREADABLE;
			}
			for (int i = 0; i < 3; i++) {
				millis = millis * 10 + ((i < fraction) ? c[at + 20 + i] - '0' : 0);
			}
		}
		return daysFromCivil(year, month, day) * MILLIS_PER_DAY + (hour * 3600L + minute * 60L + second) * 1000L
				+ millis;
	}

	/** The digits as a number, or -1 when one is not a digit. */
	private static int digits(char[] c, int at, int count) {
		int value = 0;
		for (int i = at; i < at + count; i++) {
			int digit = c[i] - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

	/**
	 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
	 * {@code days_from_civil}).
	 */
	static long daysFromCivil(long year, int month, int day) {
		long y = (month <= 2) ? year - 1 : year;
		long era = Math.floorDiv(y, 400);
		long yearOfEra = y - era * 400;
		long dayOfYear = (153L * (month + ((month > 2) ? -3 : 9)) + 2) / 5 + day - 1;
		long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
		return era * 146_097 + dayOfEra - 719_468;
	}

}
