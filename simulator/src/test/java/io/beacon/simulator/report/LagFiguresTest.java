package io.beacon.simulator.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class LagFiguresTest {

	private static final List<LagFigures.Sample> SERIES = List.of(new LagFigures.Sample(-3, 0),
			new LagFigures.Sample(10, 20_000), new LagFigures.Sample(20, 30_000), new LagFigures.Sample(30, 400_000),
			new LagFigures.Sample(40, 900_000), new LagFigures.Sample(50, 300_000), new LagFigures.Sample(60, 40_000),
			new LagFigures.Sample(70, 10_000), new LagFigures.Sample(80, 0), new LagFigures.Sample(90, 0));

	@Test
	void findsTheMaximumTheLagAtTheBurstsEndAndHowSoonItWasNormalAndDrained() {
		// burst 20-42 s, last send at 75 s, normal at most 50,000
		LagFigures lag = new LagFigures("http://w", 50_000, 100, 2, 1, SERIES, 42, 75);
		assertThat(lag.max()).isEqualTo(new LagFigures.Sample(40, 900_000));
		assertThat(lag.atBurstEnd()).isEqualTo(new LagFigures.Sample(40, 900_000));
		assertThat(lag.recoverySeconds()).isCloseTo(18, offset(1e-9));
		assertThat(lag.drainSeconds()).isCloseTo(5, offset(1e-9));
		assertThat(lag.sampleIntervalSeconds()).isCloseTo(10, offset(1e-9));
		assertThat(lag.sloFailure()).isNull();
		String text = FinalReport.lag(lag);
		assertThat(text).contains("max       900,000 records at 40.0 s", "normal    18.0 s after the burst ended",
				"drained   5.0 s after the last send", "one every 10.0 s (the watchtower's poll-interval");
	}

	@Test
	void failsThePromiseWhenTheLagIsNormalTooLateOrNever() {
		LagFigures late = new LagFigures("http://w", 5_000, 10, 0, 0, SERIES, 25, 75);
		assertThat(late.recoverySeconds()).isCloseTo(55, offset(1e-9));
		assertThat(late.sloFailure()).contains("55.0 s after the burst ended (must be within 30 s)");
		LagFigures never = new LagFigures("http://w", 5_000, 10, 0, 0, SERIES.subList(0, 7), 25, 75);
		assertThat(never.recoverySeconds()).isNaN();
		assertThat(never.drainSeconds()).isNaN();
		assertThat(never.sloFailure()).contains("not back to normal");
		LagFigures nothing = new LagFigures("http://w", 5_000, 10, 10, 0, List.of(), 25, 75);
		assertThat(nothing.max()).isNull();
		assertThat(nothing.sloFailure()).contains("no lag measured");
		assertThat(new LagFigures("http://w", 5_000, 10, 0, 0, SERIES, Double.NaN, 75).sloFailure()).isNull();
	}

}
