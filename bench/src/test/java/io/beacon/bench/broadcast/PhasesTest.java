package io.beacon.bench.broadcast;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhasesTest {

	@Test
	void findsThePhaseAnEventWasSentIn() {
		Phases phases = new Phases();
		assertThat(phases.of(1)).isNull();
		Phase warmup = phases.start("warmup", 1, 1);
		warmup.ended(100);
		Phase measured = phases.start("measured", 1, 101);
		assertThat(phases.of(0)).isNull();
		assertThat(phases.of(1)).isSameAs(warmup);
		assertThat(phases.of(100)).isSameAs(warmup);
		assertThat(phases.of(101)).isSameAs(measured);
		assertThat(phases.of(1_000_000)).isSameAs(measured);
		assertThat(measured.index()).isEqualTo(1);
		assertThat(measured.events()).isEqualTo(-1);
	}

	@Test
	void countsWhatAClientMissedAndGotTwice() {
		Reception reception = new Reception();
		for (long place : new long[] { 0, 1, 2, 2, 5, 9 }) {
			reception.add(place);
		}
		assertThat(reception.distinct()).isEqualTo(5);
		assertThat(reception.duplicates()).isEqualTo(1);
		assertThat(reception.missing(10)).isEqualTo(5);
		assertThat(reception.missing(6)).isEqualTo(2);
		assertThat(new Reception().missing(3)).isEqualTo(3);
	}

	@Test
	void writesBenchLinesTheReportReads() {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("scenario", "search");
		fields.put("run", 2);
		fields.put("rate_achieved", 14_999.87654);
		fields.put("drain_s", Double.NaN);
		fields.put("verdict", "pass");
		assertThat(BroadcastLoad.benchLine(fields))
			.isEqualTo("BENCH scenario=search run=2 rate_achieved=14999.877 drain_s=- verdict=pass");
	}

}
