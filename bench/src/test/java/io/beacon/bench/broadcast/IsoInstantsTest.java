package io.beacon.bench.broadcast;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantsTest {

	@ParameterizedTest
	@ValueSource(strings = { "2026-12-05T10:15:30Z", "2026-12-05T10:15:30.1Z", "2026-12-05T10:15:30.123Z",
			"2026-12-05T10:15:30.123456Z", "2026-12-05T10:15:30.999999999Z", "1970-01-01T00:00:00Z",
			"2024-02-29T23:59:59.5Z", "2000-03-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2100-01-01T00:00:00Z" })
	void readsWhatInstantToStringWritesLikeInstantParse(String text) {
		assertThat(IsoInstants.epochMillis(chars(text), 1, text.length()))
			.isEqualTo(Instant.parse(text).toEpochMilli());
	}

	@Test
	void readsInstantsMadeNow() {
		for (int i = 0; i < 1000; i++) {
			Instant now = Instant.now().plusNanos(i * 1_234_567L);
			String text = now.toString();
			assertThat(IsoInstants.epochMillis(chars(text), 1, text.length())).as(text).isEqualTo(now.toEpochMilli());
		}
	}

	@Test
	void fallsBackToInstantParseForOtherShapes() {
		String text = "+12026-12-05T10:15:30Z";
		assertThat(IsoInstants.epochMillis(chars(text), 1, text.length()))
			.isEqualTo(Instant.parse(text).toEpochMilli());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "yesterday", "2026-12-05 10:15:30Z", "2026-12-05T10:15:30", "2026-13-05T10:15:30Z",
			"2026-12-05T10:15:30.1234567890Z", "2026-12-05T25:15:30Z" })
	void saysWhatItCannotRead(String text) {
		assertThat(IsoInstants.epochMillis(chars(text), 1, text.length())).isEqualTo(IsoInstants.UNREADABLE);
	}

	@Test
	void countsDaysLikeLocalDate() {
		for (LocalDate date = LocalDate.of(1890, 1, 1); date.getYear() < 2110; date = date.plusDays(13)) {
			assertThat(IsoInstants.daysFromCivil(date.getYear(), date.getMonthValue(), date.getDayOfMonth()))
				.as(date.toString())
				.isEqualTo(date.toEpochDay());
		}
	}

	/** The text one character into a larger array, as the parser hands it over. */
	private static char[] chars(String text) {
		return ("[" + text + "]").toCharArray();
	}

}
