package io.beacon.archiver.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DialectTest {

	private static final DateTimeFormatter reference = DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	@ParameterizedTest
	@ValueSource(strings = { "2026-06-26T12:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
			"2000-02-29T23:59:59.123456789Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z",
			"2026-12-04T22:32:59.000001Z" })
	void sqliteTextIsFixedWidthMicrosecondsUtc(String instant) {
		String text = Dialect.sqliteText(Instant.parse(instant));
		assertThat(text).hasSize(27).isEqualTo(reference.format(Instant.parse(instant)));
	}

	@Test
	void sqliteTextAgreesWithTheFormatterEverywhere() {
		Random random = new Random(42);
		for (int i = 0; i < 100_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_799L),
					random.nextInt(1_000_000_000));
			assertThat(Dialect.sqliteText(instant)).isEqualTo(reference.format(instant));
		}
	}

	@Test
	void yearsBeyondFourDigitsFallBackToTheFormatter() {
		Instant far = Instant.parse("+12026-01-01T00:00:00Z");
		assertThat(Dialect.sqliteText(far)).isEqualTo(reference.format(far));
	}

}
