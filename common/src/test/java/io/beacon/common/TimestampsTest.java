package io.beacon.common;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Random;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The hand-written fast path must agree with {@link DateTimeFormatter} on every input,
 * and the byte and character overloads with {@link Timestamps#parse}.
 */
class TimestampsTest {

	private static final DateTimeFormatter REFERENCE = new DateTimeFormatterBuilder().parseCaseInsensitive()
		.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
		.appendOffsetId()
		.toFormatter(Locale.ROOT)
		.withChronology(IsoChronology.INSTANCE)
		.withResolverStyle(ResolverStyle.STRICT);

	@ParameterizedTest
	@ValueSource(strings = { "2026-06-26T12:00:00Z", "2026-06-26t12:00:00z", "2026-06-26T12:00:00.1Z",
			"2026-06-26T12:00:00.123456789Z", "2026-06-26T12:00:00.1234567891Z", "2026-06-26T12:00:00.Z",
			"2026-06-26T14:00:00+02:00", "2026-06-26T07:00:00-05:00", "2026-06-26T12:00:00+18:00",
			"2026-06-26T12:00:00+18:01", "2026-06-26T12:00:00+19:00", "2026-06-26T12:00:00-00:00",
			"2024-02-29T00:00:00Z", "2026-02-29T00:00:00Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
			"2026-00-10T00:00:00Z", "2026-06-26T24:00:00Z", "2026-06-26T23:60:00Z", "2026-06-26T23:59:60Z",
			"2026-06-26T12:00:00", "2026-06-26T12:00Z", "2026-06-26T12:00:00+0200", "2026-06-26T12:00:00+02",
			"2026-06-26 12:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2026-06-26T12:00:00ZZ",
			"2026-06-26T12:00:00+02:00:30", "+2026-06-26T12:00:00Z", "2026-6-26T12:00:00Z", "２０２６-06-26T12:00:00Z",
			"2026-06-26T1２:00:00Z", "", "2100-02-29T00:00:00Z", "2000-02-29T23:59:59.999999Z", "2026-04-31T00:00:00Z",
			"1969-12-31T23:59:59.5Z", "1969-12-31T23:59:59.9999995Z", "2026-12-05T13:00:00+01:00",
			"+12026-12-05T10:15:30Z", "-0001-01-01T00:00:00Z", "yesterday", "2026-12-05T25:15:30Z",
			"2026-12-05T12:00:00.123456Zx", "2026-12-05T12:00:00.123456+01:0x", "2026-12-05T12:00:00-18:00",
			"1970-01-01T00:00:00Z", "2024-02-29T23:59:59.5Z", "2000-03-01T00:00:00Z", "1969-12-31T23:59:59.999Z",
			"2100-01-01T00:00:00Z", "2026-12-05T10:15:30.123Z", "2026-12-05T10:15:30.123456Z" })
	void agreesWithTheFormatter(String text) {
		assertThat(Timestamps.parse(text)).as(text).isEqualTo(reference(text));
		assertThat(epochMicrosOfBytes(text)).as(text).isEqualTo(micros(reference(text)));
		assertThat(epochMicrosOfChars(text)).as(text).isEqualTo(micros(reference(text)));
	}

	@Test
	void agreesWithTheFormatterOnRandomVariations() {
		long seed = System.nanoTime();
		Random random = new Random(seed);
		String alphabet = "0123456789-:T.Z+z ";
		for (int i = 0; i < 20_000; i++) {
			char[] text = "2026-06-26T12:34:56.789+02:00".toCharArray();
			int changes = 1 + random.nextInt(3);
			for (int c = 0; c < changes; c++) {
				text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
			}
			String candidate = new String(text, 0, 19 + random.nextInt(11));
			Instant expected = reference(candidate);
			assertThat(Timestamps.parse(candidate)).as("seed %d: %s", seed, candidate).isEqualTo(expected);
			assertThat(epochMicrosOfBytes(candidate)).as("seed %d: %s", seed, candidate).isEqualTo(micros(expected));
			assertThat(epochMicrosOfChars(candidate)).as("seed %d: %s", seed, candidate).isEqualTo(micros(expected));
		}
	}

	@Test
	void readsFractionsOfZeroToNineDigits() {
		String digits = "123456789";
		for (int count = 0; count <= 9; count++) {
			String fraction = (count > 0) ? "." + digits.substring(0, count) : "";
			for (String zone : new String[] { "Z", "z", "+02:00", "-05:30" }) {
				String text = "2026-12-05T12:00:00" + fraction + zone;
				Instant expected = OffsetDateTime.parse(text, REFERENCE).toInstant();
				assertThat(Timestamps.parse(text)).as(text).isEqualTo(expected);
				assertThat(epochMicrosOfBytes(text)).as(text)
					.isEqualTo(expected.getEpochSecond() * 1_000_000L + expected.getNano() / 1000);
				assertThat(epochMicrosOfChars(text)).as(text).isEqualTo(epochMicrosOfBytes(text));
			}
		}
		assertThat(epochMicrosOfBytes("2026-12-05T12:00:00.1234567890Z")).isEqualTo(Timestamps.INVALID);
		assertThat(epochMicrosOfChars("2026-12-05T12:00:00.1234567890Z")).isEqualTo(Timestamps.INVALID);
	}

	@Test
	void readsInstantsAsInstantWritesThem() {
		for (int i = 0; i < 1000; i++) {
			Instant now = Instant.now().plusNanos(i * 1_234_567L);
			String text = now.toString();
			assertThat(epochMicrosOfBytes(text)).as(text).isEqualTo(micros(now));
			assertThat(epochMicrosOfChars(text)).as(text).isEqualTo(micros(now));
		}
	}

	@Test
	void roundsFractionsOfAMicrosecondTowardsThePast() {
		assertThat(epochMicrosOfBytes("1970-01-01T00:00:00.0000019Z")).isEqualTo(1);
		assertThat(epochMicrosOfChars("1969-12-31T23:59:59.9999999Z")).isEqualTo(-1);
		assertThat(epochMicrosOfBytes("1969-12-31T23:59:59.5Z")).isEqualTo(-500_000);
	}

	@Test
	void saysInvalidWhenTheMicrosecondsOverflow() {
		for (String text : new String[] { "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z" }) {
			assertThat(reference(text)).as(text).isNotNull();
			assertThat(epochMicrosOfBytes(text)).as(text).isEqualTo(Timestamps.INVALID);
			assertThat(epochMicrosOfChars(text)).as(text).isEqualTo(Timestamps.INVALID);
		}
	}

	@Test
	void readsOnlyItsRange() {
		byte[] bytes = "2026-12-05T12:00:00.123456789Z".getBytes(StandardCharsets.US_ASCII);
		char[] chars = "x2026-12-05T12:00:00.1Z9".toCharArray();
		long micros = micros(Instant.parse("2026-12-05T12:00:00.1Z"));
		assertThat(Timestamps.epochMicros(chars, 1, chars.length - 2)).isEqualTo(micros);
		// the same bytes without their zone are no timestamp
		assertThat(Timestamps.epochMicros(bytes, 0, bytes.length - 1)).isEqualTo(Timestamps.INVALID);
		assertThat(Timestamps.epochMicros(chars, 1, 0)).isEqualTo(Timestamps.INVALID);
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> Timestamps.epochMicros(bytes, 1, bytes.length));
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> Timestamps.epochMicros(chars, -1, 5));
	}

	@Test
	void readsBytesAsUtf8() {
		// multi-byte sequences are never read as the ASCII the common shape has
		for (String text : new String[] { "２０２６-06-26T12:00:00Z", "2026-06-26T12:00:00.１Z", "2026-06-26T12:00:00Ｚ",
				"2026-06-26T12:00:00\u00e9" }) {
			assertThat(epochMicrosOfBytes(text)).as(text).isEqualTo(Timestamps.INVALID);
		}
	}

	@Test
	void allocatesNothingForTheCommonShape() {
		assumeThat(ManagementFactory.getThreadMXBean()).isInstanceOf(ThreadMXBean.class);
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		assumeThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()).isTrue();
		byte[] bytes = "[2026-12-05T12:00:00.123456Z]".getBytes(StandardCharsets.US_ASCII);
		char[] chars = "[2026-12-05T12:00:00.123+02:00]".toCharArray();
		long sum = readBoth(bytes, chars, 1_000);
		long before = threads.getCurrentThreadAllocatedBytes();
		sum += readBoth(bytes, chars, 100_000);
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		assertThat(sum).isNotZero();
		// one object per call would be megabytes; allow for the measurement's own
		assertThat(allocated).isLessThan(10_000);
	}

	private static long readBoth(byte[] bytes, char[] chars, int times) {
		long sum = 0;
		for (int i = 0; i < times; i++) {
			sum += Timestamps.epochMicros(bytes, 1, bytes.length - 2);
			sum += Timestamps.epochMicros(chars, 1, chars.length - 2);
		}
		return sum;
	}

	@Test
	void countsDaysLikeLocalDate() {
		for (LocalDate date = LocalDate.of(-1, 1, 1); date.getYear() < 10_000; date = date.plusDays(97)) {
			assertThat(Timestamps.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()))
				.as(date.toString())
				.isEqualTo(date.toEpochDay());
		}
	}

	@Test
	void explainsAMissingZone() {
		assertThat(Timestamps.problem("2026-06-26T12:00:00")).isEqualTo(Timestamps.NO_ZONE);
		assertThat(Timestamps.problem("soon")).isEqualTo(Timestamps.NOT_RFC_3339);
	}

	/** The text's UTF-8 bytes one byte into a larger array, as inside a frame. */
	private static long epochMicrosOfBytes(String text) {
		byte[] bytes = ("\"" + text + "\"").getBytes(StandardCharsets.UTF_8);
		return Timestamps.epochMicros(bytes, 1, bytes.length - 2);
	}

	/** The text one character into a larger array, as a JSON parser hands it over. */
	private static long epochMicrosOfChars(String text) {
		char[] chars = ("[" + text + "]").toCharArray();
		return Timestamps.epochMicros(chars, 1, chars.length - 2);
	}

	private static Instant reference(String text) {
		try {
			return OffsetDateTime.parse(text, REFERENCE).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** What the overloads should answer for what the formatter read. */
	private static long micros(Instant instant) {
		if (instant == null) {
			return Timestamps.INVALID;
		}
		try {
			return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
		}
		catch (ArithmeticException ex) {
			return Timestamps.INVALID;
		}
	}

}
