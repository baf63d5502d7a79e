package io.beacon.bench.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BenchReportTest {

	@Test
	void readsTheFieldsOfABenchLine() {
		ResultLine line = ResultLine
			.parse("BENCH scenario=gateway-single run=2 rps=8123.4 p99_ms=7.125 non2xx=0 note=warm")
			.orElseThrow();
		assertThat(line.scenario()).isEqualTo("gateway-single");
		assertThat(line.run()).isEqualTo(2);
		assertThat(line.number("rps")).contains(8123.4);
		assertThat(line.number("p99_ms")).contains(7.125);
		assertThat(line.number("note")).isEmpty();
		assertThat(line.number("missing")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Running 20s test @ http://127.0.0.1:1/ingest/state", "BENCH run=1 rps=3",
			"BENCH scenario=x rps=3", "BENCH scenario=x run=one", "BENCHMARK scenario=x run=1" })
	void ignoresLinesThatAreNotResults(String text) {
		assertThat(ResultLine.parse(text)).isEmpty();
	}

	@Test
	void takesMediansOfOddAndEvenCountsIgnoringMissingValues() {
		assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
		assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
		assertThat(Stats.median(List.of(Double.NaN, 5.0))).isEqualTo(5.0);
		assertThat(Stats.median(List.of())).isNaN();
	}

	@Test
	void judgesTheGatewayAgainstTheCeilings() {
		BenchReport report = new BenchReport(lines(
				"BENCH scenario=trivial-single run=1 rps=10000 events_per_request=1 p50_ms=1 p99_ms=4 non2xx=0",
				"BENCH scenario=trivial-single run=2 rps=12000 events_per_request=1 p50_ms=1 p99_ms=5 non2xx=0",
				"BENCH scenario=trivial-single run=3 rps=11000 events_per_request=1 p50_ms=1 p99_ms=6 non2xx=0",
				"BENCH scenario=kafka-producer run=1 rps=200000 events_per_s=200000 p50_ms=30 p99_ms=60 errors=0",
				"BENCH scenario=gateway-single run=1 rps=7000 events_per_request=1 p50_ms=8 p99_ms=20 non2xx=2",
				"BENCH scenario=gateway-batch run=1 rps=200 events_per_request=500 p50_ms=300 p99_ms=500 non2xx=0",
				"BENCH scenario=gateway-single-half-rate run=1 rps=3500 events_per_request=1 p50_ms=2 p99_ms=30"),
				Map.of());
		ScenarioSummary http = report.scenario("trivial-single").orElseThrow();
		assertThat(http.requestsPerSecond()).isEqualTo(11000);
		assertThat(http.p99Millis()).isEqualTo(5);
		ScenarioSummary single = report.scenario("gateway-single").orElseThrow();
		assertThat(single.non2xx()).isEqualTo(2);
		assertThat(report.ratio(single)).isCloseTo(7000.0 / 11000, within(1e-9));
		ScenarioSummary batch = report.scenario("gateway-batch").orElseThrow();
		assertThat(batch.eventsPerSecond()).isEqualTo(100_000);
		assertThat(report.ratio(batch)).isCloseTo(0.5, within(1e-9));
		assertThat(report.checks()).extracting(BenchReport.Check::met).containsExactly(false, false, false);
		assertThat(report.table()).contains("MISS", "63.6% of req/s of trivial-single");
		assertThat(report.json()).contains("\"ratio\" : 0.5", "\"met\" : false");
	}

	@Test
	void saysWhatWasNotMeasured() {
		BenchReport report = new BenchReport(
				lines("BENCH scenario=gateway-single run=1 rps=7000 events_per_request=1 p50_ms=8 p99_ms=20"),
				Map.of());
		assertThat(report.checks()).extracting(BenchReport.Check::verdict).containsExactly("N/A", "N/A", "N/A");
		assertThat(report.json()).contains("\"ratio\" : null");
	}

	private static List<ResultLine> lines(String... text) {
		return java.util.Arrays.stream(text).map(ResultLine::parse).flatMap(Optional::stream).toList();
	}

}
