package io.beacon.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BroadcastReportTest {

	private static final String WARMUP = "BENCH scenario=warmup run=1 rate_target=10000 rate_achieved=9990 events=299700 "
			+ "p50_ms=120 p99_ms=900 max_ms=1500 lost=0 heap_mib=70 agents=50000 verdict=pass";

	private static final String MEASURED = "BENCH scenario=measured run=1 rate_target=10000 rate_achieved=9998.5 "
			+ "events=599910 p50_ms=80.2 p99_ms=180.4 max_ms=240 lost=0 drain_s=0.2 slow_frames=61 "
			+ "slow_conflated_frames=55 slow_skipped=123456 server_closed_slow=0 heap_mib=80.0 agents=50000 "
			+ "cpu_machine_cores=1.8 cpu_broadcaster_cores=0.7 cpu_broker_cores=0.4 cpu_load_cores=0.6 verdict=pass";

	private static String step(int run, int rate, double achieved, double p99, long lost, double heap, String verdict) {
		return "BENCH scenario=search run=" + run + " rate_target=" + rate + " rate_achieved=" + achieved + " events="
				+ (long) (achieved * 20) + " p50_ms=100 p99_ms=" + p99 + " max_ms=" + (p99 * 2) + " lost=" + lost
				+ " heap_mib=" + heap + " agents=50000 verdict=" + verdict;
	}

	private static BroadcastReport report(String... lines) {
		Map<String, String> meta = new LinkedHashMap<>();
		meta.put("rate", "10000");
		meta.put("machine", "2 cores, 24 GiB");
		return new BroadcastReport(List.of(lines).stream().map(ResultLine::parse).flatMap(Optional::stream).toList(),
				meta);
	}

	@Test
	void judgesTheTargetsFromTheMeasuredRunAndTheSearch() {
		BroadcastReport report = report(WARMUP, MEASURED, step(1, 10000, 10000, 200, 0, 82, "pass"),
				step(2, 15000, 14990, 450, 0, 84.5, "pass"), step(3, 20000, 19995, 1800, 0, 83, "slow"));
		assertThat(report.targets()).containsExactly(
				"MET: healthy clients' p99 180 ms at 9,999 events/s (target < 250 ms at 10,000 events/s), 0 events lost",
				"MEASURED: highest rate with healthy p99 < 1000 ms: 15,000 events/s (at 20,000 events/s: p99 1800 ms)",
				"MET: heap after GC 80.0 MiB after the measured run with 50,000 agents, 83.0 MiB after the search "
						+ "(50,000 agents), at most 84.5 MiB (search 2); bounded: no later phase above 125 % of the "
						+ "measured run's");
	}

	@Test
	void missesTheLatencyTargetWhenEventsWereLostAndTheHeapTargetWhenItGrew() {
		String measured = MEASURED.replace("lost=0", "lost=12");
		BroadcastReport report = report(measured, step(1, 10000, 10000, 200, 0, 120, "pass"),
				step(2, 15000, 15000, 300, 7, 130, "lost"));
		assertThat(report.targets().get(0)).startsWith("MISSED: ").contains("12 events lost");
		assertThat(report.targets().get(1)).isEqualTo("MEASURED: highest rate with healthy p99 < 1000 ms: "
				+ "10,000 events/s (at 15,000 events/s: 7 events lost, p99 300 ms)");
		assertThat(report.targets().get(2)).startsWith("MISSED: heap after GC 80.0 MiB").contains("at most 130.0 MiB");
	}

	@Test
	void saysWhenTheProducerRatherThanTheBroadcasterStoppedTheSearch() {
		BroadcastReport report = report(MEASURED, step(1, 10000, 10000, 200, 0, 80, "pass"),
				step(2, 40000, 31000, 400, 0, 80, "producer-behind"));
		assertThat(report.highestRate()).isEqualTo("MEASURED: highest rate with healthy p99 < 1000 ms: 10,000 events/s "
				+ "(at 40,000 events/s: the producer reached only 31,000 events/s (p99 400 ms there): the machine's "
				+ "limit, not necessarily the broadcaster's)");
	}

	@Test
	void saysWhenEveryStepPassedOrTheFirstFailed() {
		assertThat(report(MEASURED, step(1, 10000, 10000, 200, 0, 80, "pass")).highestRate()).isEqualTo(
				"MEASURED: highest rate with healthy p99 < 1000 ms: at least 10,000 events/s (every step passed; "
						+ "add higher steps)");
		assertThat(report(MEASURED, step(1, 10000, 10000, 1200, 0, 80, "slow")).highestRate())
			.isEqualTo("MEASURED: highest rate with healthy p99 < 1000 ms: below 10,000 events/s (the first step) "
					+ "(at 10,000 events/s: p99 1200 ms)");
	}

	@Test
	void markdownAndJsonCarryEveryPhase() {
		BroadcastReport report = report(WARMUP, MEASURED, step(1, 15000, 14990, 450, 0, 84.5, "pass"));
		assertThat(report.markdown()).contains("- machine: 2 cores, 24 GiB")
			.contains("| warmup | 10,000 | 9,990 | 299,700 | 120 | 900 | 1500 | 0 | — | — / — / — | — | 70.0 | 50,000 "
					+ "| — / — / — / — / — | (warm-up) |")
			.contains("| measured | 10,000 | 9,999 | 599,910 | 80 | 180 | 240 | 0 | 0.2 | 61 / 55 / 123,456 | 0 | 80.0 "
					+ "| 50,000 | 1.80 / 0.70 / 0.40 / 0.60 / 0.10 | pass |")
			.contains("| search 1 | 15,000 | 14,990 |");
		assertThat(report.json()).contains("\"phase\" : \"search 1\"")
			.contains("\"p99_ms\" : 180.4")
			.contains("\"events\" : 599910,")
			.contains("\"verdict\" : \"pass\"")
			.contains("\"targets\" : [");
	}

}
