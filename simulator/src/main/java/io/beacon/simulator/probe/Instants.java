package io.beacon.simulator.probe;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * ISO-8601 instants read straight from bytes, as {@link Instant#toString()} writes them
 * ({@code 2026-12-05T12:00:00.123456Z}): digits and arithmetic, no objects. Anything else
 * (another zone, a year past 9999) goes through {@link Instant#parse}.
 */
final class Instants {

	/** What {@link #epochMicros} answers for text that is not an instant. */
	static final long INVALID = Long.MIN_VALUE;

	private static final int MIN_LENGTH = "2026-12-05T12:00:00Z".length();

	private static final long SECONDS_PER_DAY = 86_400;

	private Instants() {
	}

	/**
	 * The instant in some bytes.
	 * @param b the bytes
	 * @param start the first byte
	 * @param end after the last byte
	 * @return microseconds since the epoch, or {@link #INVALID}
	 */
	static long epochMicros(byte[] b, int start, int end) {
		long fast = fast(b, start, end);
		return (fast != INVALID) ? fast : slow(b, start, end);
	}

	private static long fast(byte[] b, int s, int end) {
		if (end - s < MIN_LENGTH || b[end - 1] != 'Z' || b[s + 4] != '-' || b[s + 7] != '-' || b[s + 10] != 'T'
				|| b[s + 13] != ':' || b[s + 16] != ':') {
			return INVALID;
		}
		int year = digits(b, s, 4);
		int month = digits(b, s + 5, 2);
		int day = digits(b, s + 8, 2);
		int hour = digits(b, s + 11, 2);
		int minute = digits(b, s + 14, 2);
		int second = digits(b, s + 17, 2);
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
				|| minute > 59 || second < 0 || second > 59) {
			return INVALID;
		}
		long micros = 0;
		int i = s + 19;
		if (i < end - 1) {
			if (b[i] != '.') {
				return INVALID;
			}
			int fractionDigits = end - 1 - (i + 1);
			if (fractionDigits < 1 || fractionDigits > 9) {
				return INVALID;
			}
			for (int k = 0; k < 6; k++) {
				int index = i + 1 + k;
				int digit = (k < fractionDigits) ? b[index] - '0' : 0;
				if (digit < 0 || digit > 9) {
					return INVALID;
				}
				micros = micros * 10 + digit;
			}
			for (int k = 6; k < fractionDigits; k++) {
				int digit = b[i + 1 + k] - '0';
				if (digit < 0 || digit > 9) {
					return INVALID;
				}
			}
		}
		long seconds = epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
		return seconds * 1_000_000L + micros;
	}

	private static int digits(byte[] b, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			int digit = b[i] - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

	/** Days since 1970-01-01 of a date in the proleptic Gregorian calendar. */
	static long epochDay(int year, int month, int day) {
		long y = (month <= 2) ? year - 1 : year;
		long era = Math.floorDiv(y, 400);
		long yearOfEra = y - era * 400;
		long dayOfYear = (153L * (month + ((month > 2) ? -3 : 9)) + 2) / 5 + day - 1;
		long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
		return era * 146_097 + dayOfEra - 719_468;
	}

	private static long slow(byte[] b, int start, int end) {
		try {
			Instant instant = Instant.parse(new String(b, start, end - start, StandardCharsets.US_ASCII));
			return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
		}
		catch (DateTimeException | ArithmeticException ex) {
			return INVALID;
		}
	}

}
