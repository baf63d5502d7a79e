package io.beacon.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StackReportTest {

	/** 2026-12-05T10:00:00Z */
	private static final long T0 = 1_796_464_800_000L;

	private static final List<String> CEILINGS = List
		.of("BENCH scenario=trivial-single run=1 rps=20000 events_per_request=1 p50_ms=2 p99_ms=9 non2xx=0 "
				+ "cpu_machine_cores=2.00 cpu_services_cores=1.50 cpu_trivial_cores=1.50 cpu_load_cores=0.45 cpu_other_cores=0.05",
				"BENCH scenario=trivial-single run=2 rps=22000 events_per_request=1 p50_ms=2 p99_ms=10 non2xx=0",
				"BENCH scenario=kafka-producer run=1 rps=500000 events_per_request=1 events_per_s=500000 p50_ms=20 "
						+ "p99_ms=200 errors=0 non2xx=0 cpu_machine_cores=1.8 cpu_services_cores=1.6 cpu_other_cores=0.2",
				"BENCH scenario=jdbc-ceiling run=1 rows=200000 batch=500 duration_s=4 rows_per_s=50000");

	private static final List<String> STACK = List.of(
			"BENCH scenario=lb-single run=1 rps=3000 events_per_request=1 events_per_s=3000 p50_ms=20 p99_ms=45 "
					+ "p999_ms=90 max_ms=120 non2xx=0 errors_connect=0 cpu_machine_cores=1.98 cpu_services_cores=1.8 "
					+ "cpu_load-balancer_cores=0.85 cpu_gateway-1_cores=0.4 cpu_load_cores=0.1 cpu_other_cores=0.08",
			"BENCH scenario=lb-single run=2 rps=3400 events_per_request=1 events_per_s=3400 p50_ms=18 p99_ms=41 non2xx=0",
			"BENCH scenario=lb-batch run=1 rps=300 events_per_request=500 events_per_s=150000 p50_ms=200 p99_ms=400 "
					+ "non2xx=0",
			"BENCH scenario=archive run=1 load_start_ms=" + T0 + " load_end_ms=" + (T0 + 10_000)
					+ " drain_timeout_s=900 cpu_machine_cores=1.2");

	private static List<ResultLine> lines(List<String> text) {
		return text.stream().map(ResultLine::parse).flatMap(Optional::stream).toList();
	}

	private static List<ResultLine> lines(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return lines(all);
	}

	/**
	 * end offsets grow 100,000/s for 10 s, the archiver commits 30,000/s then drains at
	 * 40,000/s.
	 */
	private static LagSeries lag() {
		List<String> samples = new ArrayList<>();
		samples.add(T0 - 2000 + " {\"error\":\"starting\",\"message\":\"the first poll has not ended yet\"}");
		long committed = 0;
		for (int second = 0; second <= 40; second++) {
			long end = Math.min(second, 10) * 100_000L;
			committed = Math.min(end, committed + ((second <= 10) ? 30_000 : 40_000));
			if (second == 0) {
				committed = 0;
			}
			samples.add(status(T0 + second * 1000L, end, end - committed));
		}
		return LagSeries.parse(samples);
	}

	private static String status(long at, long endOffset, long lag) {
		return (at + 300) + " {\"status\": \"up\", \"checked_at\": \"" + java.time.Instant.ofEpochMilli(at)
				+ "\", \"kafka\": {\"end_offsets\": {\"0\": " + (endOffset / 2) + ", \"1\": "
				+ (endOffset - endOffset / 2)
				+ "}, \"lag\": {\"beacon-archiver\": {\"0\": 1}}}, \"consumer_lag\": {\"beacon-archiver\": " + lag
				+ "}, \"archived_per_second\": 1.0}";
	}

	/** The shape of simulator/.../RunJson.java. */
	private static final String SOAK = """
			{"run_id": "r1", "options": {"agents": 50000, "rate": 25000.0, "duration_s": 150.0, "batch": 100,
			  "burst": {"rate": 50000.0, "at_s": 60.0, "for_s": 30.0}, "verify": true, "slo": false},
			 "totals": {"elapsed_s": 151.2, "sent": 4500000, "accepted": 4480000, "accepted_per_s": 29866.7,
			  "rejected": 0, "failed": 0, "retried": 12,
			  "request_latency_ms": {"count": 45000, "p50": 12.0, "p99": 80.0, "max": 900.0}},
			 "ws": {"connected": true, "run_events": 4480000, "delay_ms": {"p50": 60.0, "p99": 420.0, "max": 1500.0},
			  "worst_second": {"t": 75, "p99_ms": 980.5, "count": 50000},
			  "burst": {"from_s": 60, "to_s": 90, "count": 1500000, "p99_ms": 700.0},
			  "conflated_frames": 0, "skipped_events": 0, "disconnects": 0, "per_second": []},
			 "lag": {"normal": 50000, "max": 400000, "max_at_s": 90.0, "burst_end_s": 90.0, "at_burst_end": 390000,
			  "normal_after_burst_s": 31.5, "last_send_s": 150.0, "drain_s": 40.0, "series": [{"t": 0.0, "lag": 0}]},
			 "verify": {"clean": true, "expected": 4480000, "found": 4480000, "lost": 0, "duplicated": 0,
			  "out_of_order": 0, "error": null},
			 "problems": ["an example problem"], "exit_code": 1}
			""";

	@Test
	void judgesTheStackAgainstTheCeilingsOfTheSameRun() {
		StackReport report = new StackReport(lines(CEILINGS, STACK), lag(), SoakResult.parse(SOAK), Map.of("cpus", "2"),
				Map.of());
		assertThat(report.httpCeiling()).isEqualTo(21_000);
		assertThat(report.kafkaCeiling()).isEqualTo(500_000);
		assertThat(report.jdbcCeiling()).isEqualTo(50_000);
		assertThat(report.singleRatio()).isCloseTo(3200.0 / 21_000, within(1e-9));
		assertThat(report.batchRatio()).isCloseTo(0.30, within(1e-9));
		assertThat(report.archiveRatio()).isCloseTo(40_000.0 / 50_000, within(1e-9));
		assertThat(verdicts(report)).containsEntry("Single-event ingest via the load balancer", "MISS")
			.containsEntry("Batch ingest via the load balancer (500 events/request)", "MISS")
			.containsEntry("Archiving while draining the batch backlog", "MET")
			.containsEntry("Soak (50,000 agents): events accepted", "MET")
			.containsEntry("Soak: WebSocket delay p99, worst second", "MET")
			.containsEntry("Soak: WebSocket delay p99 during the burst", "MET")
			.containsEntry("Soak: archive lag back to normal after the burst", "MISS")
			.containsEntry("Soak: lost / duplicated / out of order", "MET")
			.containsEntry("HTTP ceiling: trivial 202 endpoint, wrk single.lua", "");
	}

	@Test
	void theArchiveFiguresComeFromTheWatchtowersPolls() {
		LagSeries.Archive archive = lag().archive(T0, T0 + 10_000);
		// 10 s at 100,000/s in, 30,000/s out: 700,000 behind at the end of the load
		assertThat(archive.lagAtLoadEnd()).isEqualTo(700_000);
		assertThat(archive.peakLag()).isEqualTo(700_000);
		assertThat(archive.rateDuringLoad()).isCloseTo(30_000, within(1e-6));
		assertThat(archive.drainRate()).isCloseTo(40_000, within(1e-6));
		// 700,000 at 40,000/s: 0 at the 18th poll after the load
		assertThat(archive.drained()).isTrue();
		assertThat(archive.drainSeconds()).isEqualTo(18.0);
		assertThat(archive.series()).hasSize(29);
		assertThat(archive.series().get(10)).containsExactly(10_000L, 700_000L);
	}

	@Test
	void readsPollsOnceEachAndSkipsWhatIsNotAStatus() {
		LagSeries series = LagSeries
			.parse(List.of("", "garbage", "123 not json", T0 + " {\"consumer_lag\": {}}", status(T0, 100, 5),
					status(T0, 100, 5).replaceFirst("^\\d+", String.valueOf(T0 + 1300)), status(T0 + 1000, 200, 0)));
		assertThat(series.samples()).extracting(LagSeries.Sample::lag).containsExactly(5L, 0L);
		assertThat(series.samples().get(0).committed()).isEqualTo(95);
		assertThat(series.samples().get(0).atMillis()).isEqualTo(T0);
		assertThat(series.lagAt(T0 + 500)).isEqualTo(5);
		assertThat(series.lagAt(T0 - 1)).isNaN();
	}

	@Test
	void anArchiverThatKeepsUpHasNoDrainRateToJudge() {
		LagSeries series = LagSeries.parse(List.of(status(T0, 0, 0), status(T0 + 1000, 5000, 200),
				status(T0 + 2000, 10_000, 300), status(T0 + 3000, 10_000, 0)));
		LagSeries.Archive archive = series.archive(T0, T0 + 2000);
		assertThat(archive.drainRate()).isNaN();
		assertThat(archive.drainSeconds()).isEqualTo(1.0);
		StackReport report = new StackReport(
				lines(CEILINGS,
						List.of("BENCH scenario=archive run=1 load_start_ms=" + T0 + " load_end_ms=" + (T0 + 2000))),
				series, SoakResult.skipped("simulator without --ws-url: soak skipped"), Map.of(), Map.of());
		assertThat(verdicts(report)).containsEntry("Archiving while draining the batch backlog", "N/A");
		assertThat(report.markdown()).contains("no backlog to measure: the lag at the end of the load was 300");
	}

	@Test
	void saysWhatDidNotRun() {
		StackReport report = new StackReport(lines(CEILINGS), new LagSeries(List.of()),
				SoakResult.skipped("simulator without --ws-url: soak skipped"), Map.of(), Map.of());
		assertThat(verdicts(report)).containsEntry("Single-event ingest via the load balancer", "N/A")
			.containsEntry("Batch ingest via the load balancer", "N/A")
			.containsEntry("Archiving while draining the batch backlog", "N/A")
			.containsEntry("Soak: WebSocket delay p99, worst second", "N/A");
		assertThat(report.markdown()).contains("simulator without --ws-url: soak skipped")
			.contains("Not run: simulator without --ws-url: soak skipped.");
		assertThat(report.json()).contains("\"skipped\" : \"simulator without --ws-url: soak skipped\"");
	}

	@Test
	void errorsMakeAThroughputAMiss() {
		List<String> stack = new ArrayList<>(STACK);
		stack.set(1, stack.get(1).replace("non2xx=0", "non2xx=7"));
		List<String> ceilings = new ArrayList<>(CEILINGS);
		ceilings.set(0, ceilings.get(0).replace("rps=20000", "rps=2000"));
		ceilings.set(1, ceilings.get(1).replace("rps=22000", "rps=2200"));
		StackReport report = new StackReport(lines(ceilings, stack), lag(), SoakResult.parse(SOAK), Map.of(), Map.of());
		assertThat(report.singleRatio()).isGreaterThan(1);
		assertThat(verdicts(report)).containsEntry("Single-event ingest via the load balancer", "MISS");
		assertThat(report.markdown()).contains("7 non-2xx answers and 0 socket errors");
	}

	@Test
	void markdownStartsWithTheMachineAndTheTableAndJsonCarriesEverything() {
		Map<String, String> machine = new LinkedHashMap<>();
		machine.put("cpus", "2 (Intel Xeon)");
		machine.put("commit", "abc1234");
		StackReport report = new StackReport(lines(CEILINGS, STACK), lag(), SoakResult.parse(SOAK), machine,
				Map.of("label", "test"));
		String markdown = report.markdown();
		assertThat(markdown)
			.startsWith("# Beacon stack benchmark\n\nMachine:\n\n- cpus: 2 (Intel Xeon)\n- commit: abc1234\n")
			.contains("| figure | value | ceiling | ratio | target | verdict |")
			.contains("| Single-event ingest via the load balancer | 3,200 req/s | 21,000 (HTTP ceiling) | 15.2 % "
					+ "| ≥ 70 % of the HTTP ceiling (issue 2) | MISS |")
			.contains("| Archiving while draining the batch backlog | 40,000 rows/s | 50,000 (JDBC ceiling) | 80.0 % ")
			.contains("| Soak: lost / duplicated / out of order | 0 / 0 / 0 |")
			.contains("| Drain time after the batch load (lag back to 0) | 18.0 s |")
			.contains("| phase | runs | all | services | load | other | trivial | load-balancer | gateway-1 |")
			.contains("| lb-single | 2 | 1.98 | 1.80 | 0.10 | 0.08 | — | 0.85 | 0.40 |")
			.contains("| Soak: WebSocket delay p99, worst second | 981 ms |")
			.contains("| Soak: ingest-to-WebSocket delay p99 | 420 ms |")
			.contains("| Soak (50,000 agents): events accepted | 4,480,000 events | 4,500,000 (offered) | 99.6 % |")
			.contains("- an example problem");
		String json = report.json();
		assertThat(json).contains("\"label\" : \"test\"", "\"run_id\" : \"r1\"", "\"rows_per_s_draining\" : 40000.0",
				"\"ratio\" : 0.8", "\"met\" : true", "\"phase\" : \"jdbc-ceiling\"", "\"load-balancer\" : 0.85");
	}

	@Test
	void readsTheSimulatorsDurationsAndTheOfferedLoad() {
		SoakResult soak = SoakResult.parse(SOAK);
		assertThat(soak.offeredEvents()).isEqualTo(25_000 * 120 + 50_000 * 30);
		assertThat(soak.heldShare()).isCloseTo(4_480_000.0 / 4_500_000, within(1e-9));
		assertThat(soak.seconds("lag", "normal_after_burst_s")).isEqualTo(31.5);
		assertThat(soak.number("verify", "error")).isNaN();
		assertThat(soak.number("ws", "missing")).isNaN();
		assertThat(soak.bool("verify", "clean")).isTrue();
		assertThat(Arrays.asList(SoakResult.seconds("2m30s"), SoakResult.seconds("500ms"), SoakResult.seconds("12"),
				SoakResult.seconds("1h"), SoakResult.seconds("soon")))
			.containsExactly(150.0, 0.5, 12.0, 3600.0, Double.NaN);
	}

	private static Map<String, String> verdicts(StackReport report) {
		Map<String, String> verdicts = new LinkedHashMap<>();
		report.figures().forEach((figure) -> verdicts.put(figure.name(), figure.verdict()));
		return verdicts;
	}

}
