package io.beacon.simulator.pace;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class PacerTest {

	private static final long MS = 1_000_000L;

	private static final long SECOND = 1_000_000_000L;

	private static final long START = 5 * SECOND;

	@Test
	void spreadsALowRateEvenlyInsteadOfOnceASecond() {
		Pacer pacer = new Pacer(RateSchedule.constant(20), START);
		List<Long> sendTimes = new ArrayList<>();
		for (long t = START + MS; t <= START + 3 * SECOND; t += MS) {
			for (long i = pacer.due(t); i > 0; i--) {
				sendTimes.add(t);
			}
		}
		assertThat(sendTimes).hasSize(60);
		for (int i = 1; i < sendTimes.size(); i++) {
			assertThat(sendTimes.get(i) - sendTimes.get(i - 1)).isBetween(49 * MS, 51 * MS);
		}
	}

	@Test
	void handsOutAHighRateEveryMillisecond() {
		Pacer pacer = new Pacer(RateSchedule.constant(20_000), START);
		for (long t = START + MS; t <= START + SECOND; t += MS) {
			assertThat(pacer.due(t)).isBetween(19L, 21L);
		}
	}

	@ParameterizedTest
	@ValueSource(doubles = { 0.5, 20, 333.3, 20_000, 1_000_000 })
	void hitsTheRateWhateverTheStepsBetweenLooks(double rate) {
		Pacer pacer = new Pacer(RateSchedule.constant(rate), START);
		Random random = new Random(3);
		long t = START;
		long total = 0;
		while (t < START + 10 * SECOND) {
			t = Math.min(START + 10 * SECOND, t + 1 + random.nextInt(20 * (int) MS));
			total += pacer.due(t);
		}
		assertThat((double) total).isCloseTo(rate * 10, offset(1.0));
	}

	@Test
	void followsARateThatChangesOverTime() {
		// 100/s for a second, then 1,000/s: a ramp or a burst is just another schedule
		Pacer pacer = new Pacer((elapsed) -> (elapsed < SECOND) ? 100 : 1000, START);
		long firstSecond = 0;
		for (long t = START + MS; t <= START + SECOND; t += MS) {
			firstSecond += pacer.due(t);
		}
		long secondSecond = 0;
		for (long t = START + SECOND + MS; t <= START + 2 * SECOND; t += MS) {
			secondSecond += pacer.due(t);
		}
		assertThat(firstSecond).isBetween(99L, 101L);
		assertThat(secondSecond).isBetween(999L, 1001L);
	}

	@Test
	void catchesUpAfterAStallInsteadOfLosingTheSends() {
		Pacer pacer = new Pacer(RateSchedule.constant(1000), START);
		assertThat(pacer.due(START + 200 * MS)).isEqualTo(200);
		assertThat(pacer.due(START + 200 * MS)).isZero();
		assertThat(pacer.due(START + 199 * MS)).isZero();
	}

	@Test
	void saysHowLongUntilTheNextSend() {
		Pacer pacer = new Pacer(RateSchedule.constant(10), START);
		assertThat(pacer.nanosUntilNext(START)).isEqualTo(Pacer.MAX_WAIT_NANOS);
		Pacer fast = new Pacer(RateSchedule.constant(1000), START);
		assertThat(fast.nanosUntilNext(START)).isBetween(999_000L, 1_000_000L);
		fast.due(START + MS / 2);
		assertThat(fast.nanosUntilNext(START + MS / 2)).isBetween(499_000L, 500_000L);
		Pacer stopped = new Pacer(RateSchedule.constant(0), START);
		assertThat(stopped.due(START + SECOND)).isZero();
		assertThat(stopped.nanosUntilNext(START + SECOND)).isEqualTo(Pacer.MAX_WAIT_NANOS);
	}

	@Test
	void followsABurstAndComesBackToTheRateAfterIt() {
		// 1,000/s, 5,000/s from 1 s to 3 s, then 1,000/s again
		BurstSchedule burst = RateSchedule.burst(1000, 5000, SECOND, 2 * SECOND);
		Pacer pacer = new Pacer(burst, START);
		long[] perSecond = new long[4];
		for (long t = START + MS; t <= START + 4 * SECOND; t += MS) {
			perSecond[(int) ((t - START - 1) / SECOND)] += pacer.due(t);
		}
		assertThat(perSecond[0]).isBetween(999L, 1001L);
		assertThat(perSecond[1]).isBetween(4999L, 5001L);
		assertThat(perSecond[2]).isBetween(4999L, 5001L);
		assertThat(perSecond[3]).isBetween(999L, 1001L);
		assertThat(burst.inBurst(SECOND - 1)).isFalse();
		assertThat(burst.inBurst(SECOND)).isTrue();
		assertThat(burst.inBurst(3 * SECOND)).isFalse();
		assertThat(burst.eventsPerSecond(2 * SECOND)).isEqualTo(5000);
	}

	@Test
	void aStallAcrossTheBurstsEdgesEarnsEachRateForItsOwnPartOnly() {
		Pacer pacer = new Pacer(RateSchedule.burst(1000, 10_000, SECOND, SECOND), START);
		assertThat(pacer.due(START + 900 * MS)).isEqualTo(900);
		// stalled over the whole burst: 100 ms at 1,000/s, 1 s at 10,000/s, 100 ms at
		// 1,000/s; the midpoint rate would have made it 12,000 (burst rate carried past
		// its end)
		assertThat(pacer.due(START + 2100 * MS)).isEqualTo(10_200);
		// and after it, the plain rate, no backlog at the burst's rate
		assertThat(pacer.due(START + 2200 * MS)).isEqualTo(100);
		Pacer intoTheBurst = new Pacer(RateSchedule.burst(1000, 10_000, SECOND, SECOND), START);
		// from 0.5 s to 1.5 s: 500 at the rate, 5,000 at the burst's rate
		intoTheBurst.due(START + 500 * MS);
		assertThat(intoTheBurst.due(START + 1500 * MS)).isEqualTo(5500);
		assertThat(intoTheBurst.nanosUntilNext(START + 1500 * MS)).isBetween(99_000L, 100_000L);
	}

	@Test
	void theSchedulesIntegralIsExactForStepsAndTheMidpointOtherwise() {
		BurstSchedule burst = RateSchedule.burst(10, 100, SECOND, SECOND);
		assertThat(burst.eventsBetween(0, 3 * SECOND)).isCloseTo(120, offset(1e-9));
		assertThat(burst.eventsBetween(SECOND + SECOND / 2, 4 * SECOND)).isCloseTo(70, offset(1e-9));
		assertThat(burst.eventsBetween(2 * SECOND, SECOND)).isZero();
		RateSchedule ramp = (elapsed) -> elapsed / 1e9 * 100;
		assertThat(ramp.eventsBetween(0, 2 * SECOND)).isCloseTo(200, offset(1e-6));
	}

}
