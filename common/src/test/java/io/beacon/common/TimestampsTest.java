package io.beacon.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written fast path must agree with {@link DateTimeFormatter} on every input.
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
			"2026-06-26T1２:00:00Z", "" })
	void agreesWithTheFormatter(String text) {
		assertThat(Timestamps.parse(text)).as(text).isEqualTo(reference(text));
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
			assertThat(Timestamps.parse(candidate)).as("seed %d: %s", seed, candidate).isEqualTo(reference(candidate));
		}
	}

	@Test
	void explainsAMissingZone() {
		assertThat(Timestamps.problem("2026-06-26T12:00:00")).isEqualTo(Timestamps.NO_ZONE);
		assertThat(Timestamps.problem("soon")).isEqualTo(Timestamps.NOT_RFC_3339);
	}

	private static Instant reference(String text) {
		try {
			return OffsetDateTime.parse(text, REFERENCE).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
