package io.beacon.simulator.cli;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {

	@ParameterizedTest(name = "{0} = {1} ms")
	@CsvSource({ "30s, 30000", "2m, 120000", "1h, 3600000", "1h30m, 5400000", "2m30s, 150000", "500ms, 500",
			"1.5s, 1500", "45, 45000", "0.25, 250", "0, 0", "' 10S ', 10000", "1m500ms, 60500" })
	void readsWhatPeopleType(String text, long millis) {
		assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "s", "30x", "-5s", "5 s", "1h-30m", "abc", "30s!", "9999999h" })
	void refusesAnythingElse(String text) {
		assertThat(Durations.parse(text)).isNull();
	}

	@ParameterizedTest(name = "{0} ms = {1}")
	@CsvSource({ "30000, 30s", "120000, 2m", "3600000, 1h", "1500, 1.5s", "250, 250ms", "90000, 90s" })
	void formatsAsItWouldBeTyped(long millis, String text) {
		assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
		assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
	}

}
