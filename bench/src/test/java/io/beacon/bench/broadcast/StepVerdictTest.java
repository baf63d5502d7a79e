package io.beacon.bench.broadcast;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepVerdictTest {

	@Test
	void passesUnderTheLimitWithNothingLostAtTheRate() {
		assertThat(StepVerdict.of(20_000, 19_990, 400, 0, 1000)).isEqualTo(StepVerdict.PASS);
	}

	@Test
	void failsAtTheLimit() {
		assertThat(StepVerdict.of(20_000, 20_000, 1000, 0, 1000)).isEqualTo(StepVerdict.SLOW);
		assertThat(StepVerdict.of(20_000, 20_000, Double.NaN, 0, 1000)).isEqualTo(StepVerdict.SLOW);
	}

	@Test
	void failsWhenAHealthyClientMissedAnEventHoweverFastTheRestCame() {
		assertThat(StepVerdict.of(20_000, 20_000, 90, 1, 1000)).isEqualTo(StepVerdict.LOST);
	}

	@Test
	void blamesTheProducerOnlyWhenTheBroadcasterKeptUpWithWhatItGot() {
		assertThat(StepVerdict.of(40_000, 30_000, 300, 0, 1000)).isEqualTo(StepVerdict.PRODUCER_BEHIND);
		assertThat(StepVerdict.of(40_000, 30_000, 3000, 0, 1000)).isEqualTo(StepVerdict.SLOW);
		assertThat(StepVerdict.of(40_000, 0.97 * 40_000, 300, 0, 1000)).isEqualTo(StepVerdict.PASS);
	}

	@Test
	void hasLabelsForTheBenchLines() {
		assertThat(StepVerdict.PRODUCER_BEHIND.label()).isEqualTo("producer-behind");
		assertThat(StepVerdict.PASS.label()).isEqualTo("pass");
	}

}
