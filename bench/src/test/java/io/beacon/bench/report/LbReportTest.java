package io.beacon.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LbReportTest {

	private static final String CPU = " cpu_machine_cores=2.00 cpu_services_cores=1.50 cpu_lb_cores=0.60 "
			+ "cpu_gateway1_cores=0.30 cpu_gateway2_cores=0.30 cpu_broker_cores=0.30 cpu_wrk_cores=0.40 "
			+ "cpu_other_cores=0.10";

	private static final String[] FULL = { line("direct-single", 1, 10000, 5, 12, " target_rps=0"),
			line("direct-single", 2, 11000, 5, 13, " target_rps=0"),
			line("direct-single", 3, 9000, 5, 14, " target_rps=0"),
			line("lb-single", 1, 7000, 8, 20,
					" target_rps=0 backend_requests=3500,3500 backend_errors=0,0" + " backends_healthy=2"),
			line("lb-single", 2, 6500, 8, 22,
					" target_rps=0 backend_requests=3250,3250 backend_errors=0,0" + " backends_healthy=2"),
			line("direct-half", 1, 3250, 1.5, 6, " target_rps=3250"), line("lb-half", 1, 3249, 2.5, 11.5,
					" target_rps=3250 backend_requests=1625,1624 backend_errors=0,0" + " backends_healthy=2") };

	private static String line(String scenario, int run, double rps, double p50, double p99, String extra) {
		return "BENCH scenario=" + scenario + " run=" + run + " requests=1000 duration_s=20 rps=" + rps
				+ " events_per_request=1 events_per_s=" + rps + " p50_ms=" + p50 + " p90_ms=" + p99 / 2 + " p99_ms="
				+ p99 + " p999_ms=" + p99 * 2 + " max_ms=" + p99 * 3
				+ " errors_connect=0 errors_read=0 errors_write=0 errors_timeout=0 non2xx=0" + extra + CPU;
	}

	private static LbReport report(String... lines) {
		Map<String, String> meta = new LinkedHashMap<>();
		meta.put("machine", "2 cores, 24 GiB");
		return new LbReport(List.of(lines).stream().map(ResultLine::parse).flatMap(Optional::stream).toList(), meta);
	}

	@Test
	void judgesTheLoadBalancerAgainstTheDirectRun() {
		LbReport report = report(FULL);
		assertThat(report.scenario("direct-single").orElseThrow().summary().requestsPerSecond()).isEqualTo(10000);
		assertThat(report.scenario("lb-single").orElseThrow().summary().requestsPerSecond()).isEqualTo(6750);
		assertThat(report.rateRatio()).isCloseTo(0.675, within(1e-9));
		assertThat(report.addedP99Millis()).isCloseTo(5.5, within(1e-9));
		assertThat(report.addedP50Millis()).isCloseTo(1.0, within(1e-9));
		assertThat(report.checks()).extracting(BenchReport.Check::met).containsExactly(true, true);
		assertThat(report.checks()).extracting(BenchReport.Check::measured)
			.containsExactly("67.5% (6750 vs 10000 req/s)",
					"5.50 ms (lb-half 11.50 ms - direct-half 6.00 ms at 3250 req/s)");
	}

	@Test
	void missesWhenTheLoadBalancerIsTooSlowOrAddsTooMuch() {
		LbReport report = report(line("direct-single", 1, 10000, 5, 12, " target_rps=0"),
				line("lb-single", 1, 5000, 9, 30, " target_rps=0"),
				line("direct-half", 1, 2500, 1.5, 6, " target_rps=2500"),
				line("lb-half", 1, 2500, 4, 16.5, " target_rps=2500"));
		assertThat(report.checks()).extracting(BenchReport.Check::verdict).containsExactly("MISS", "MISS");
		assertThat(report.table()).contains("MISS  through the load balancer >= 60% of the direct req/s: 50.0%");
	}

	@Test
	void doesNotCountAnswersThatWereNotAcceptedOrARateThatWasNotHeld() {
		LbReport report = report(line("direct-single", 1, 10000, 5, 12, " target_rps=0"),
				line("lb-single", 1, 9000, 5, 12, " target_rps=0").replace("non2xx=0", "non2xx=17"),
				line("direct-half", 1, 4500, 1.5, 6, " target_rps=4500"),
				line("lb-half", 1, 4000, 2, 7, " target_rps=4500"));
		List<BenchReport.Check> checks = report.checks();
		assertThat(checks).extracting(BenchReport.Check::met).containsExactly(false, false);
		assertThat(checks.get(0).measured()).endsWith("; lb-single had 17 non-2xx answers and 0 socket errors");
		assertThat(checks.get(1).measured()).endsWith("; lb-half reached only 4000 of 4500 req/s");
	}

	@Test
	void saysWhatWasNotMeasured() {
		LbReport report = report(line("direct-single", 1, 10000, 5, 12, " target_rps=0"));
		assertThat(report.checks()).extracting(BenchReport.Check::verdict).containsExactly("N/A", "N/A");
		assertThat(report.checks()).extracting(BenchReport.Check::measured).containsOnly("not run");
		assertThat(report.rateRatio()).isNaN();
		assertThat(report.json()).contains("\"rate_ratio\" : null");
	}

	@Test
	void givesCpuPerProcessAndPerRequest() {
		LbReport.Scenario lb = report(FULL).scenario("lb-single").orElseThrow();
		assertThat(lb.cores("lb")).isCloseTo(0.6, within(1e-9));
		assertThat(lb.microsPerRequest("lb")).isCloseTo(0.6e6 / 6750, within(1e-6));
		assertThat(lb.microsPerRequest("gateways")).isCloseTo(0.6e6 / 6750, within(1e-6));
		assertThat(lb.targetRps()).isZero();
		assertThat(report(FULL).scenario("lb-half").orElseThrow().targetRps()).isEqualTo(3250);
	}

	@Test
	void markdownAndJsonCarryEveryScenarioAndRun() {
		LbReport report = report(FULL);
		assertThat(report.markdown()).contains("- machine: 2 cores, 24 GiB", "| lb-single | 2 | 6750 | - |",
				"| lb-half | 1 | 3249 | 3250 |",
				"| lb-single | 1 | 7000 | 8.00 | 20.00 | 40.00 | 60.0 | 3500 / 3500 | 0 / 0 | 2 |",
				"| through the load balancer >= 60% of the direct req/s | 67.5% (6750 vs 10000 req/s) | MET |",
				"2.00: 0.60 / 0.30 / 0.30 / 0.30 / 0.40 / 0.10");
		assertThat(report.json()).contains("\"rate_ratio\" : 0.675", "\"added_p99_ms_at_half_load\" : 5.5",
				"\"backend_requests\" : \"3500,3500\"", "\"met\" : true", "\"cpu_lb_cores\" : 0.6");
	}

}
