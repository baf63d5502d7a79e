package io.beacon.bench.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load-balancer benchmark's report: single-event ingest straight to one gateway and
 * through the load balancer to two, as fast as answers come and paced at half the load
 * balancer's rate; medians per scenario, CPU per process, the proxy's overhead and the
 * issue's two targets, printed and written as Markdown and JSON.
 * {@code lb-report --results=<file> --out=<path without extension> [--name=value ...]};
 * every option but the first two is kept as it is in the report's header.
 */
public final class LbReport {

	static final String DIRECT_SINGLE = "direct-single";

	static final String LB_SINGLE = "lb-single";

	static final String DIRECT_HALF = "direct-half";

	static final String LB_HALF = "lb-half";

	/** Through the load balancer, at least this share of the direct rate. */
	static final double RATE_TARGET = 0.60;

	/** At half load, the load balancer may add less than this to the p99. */
	static final double ADDED_P99_TARGET_MILLIS = 10.0;

	/** A paced scenario held its rate when it reached at least this share of it. */
	static final double HELD_SHARE = 0.97;

	/** The processes whose CPU each run records, as {@code cpu_<name>_cores}. */
	static final List<String> PROCESSES = List.of("lb", "gateway1", "gateway2", "broker", "wrk", "other");

	private static final Map<String, String> DESCRIPTIONS = Map.of(DIRECT_SINGLE,
			"POST /ingest/state straight to one gateway, as fast as answers come", LB_SINGLE,
			"POST /ingest/state through the load balancer to two gateways, as fast as answers come", DIRECT_HALF,
			"straight to one gateway, paced at half the lb-single rate", LB_HALF,
			"through the load balancer, paced at half the lb-single rate");

	private final List<Scenario> scenarios;

	private final Map<String, String> meta;

	LbReport(List<ResultLine> lines, Map<String, String> meta) {
		Map<String, List<ResultLine>> byScenario = new LinkedHashMap<>();
		for (ResultLine line : lines) {
			byScenario.computeIfAbsent(line.scenario(), (name) -> new ArrayList<>()).add(line);
		}
		this.scenarios = byScenario.entrySet()
			.stream()
			.map((entry) -> Scenario.of(entry.getKey(), entry.getValue()))
			.toList();
		this.meta = meta;
	}

	public static void main(String[] args) throws IOException {
		ReportInput input = ReportInput.read(args);
		LbReport report = new LbReport(input.lines(), input.meta());
		System.out.print(report.table());
		input.write(report.markdown(), report.json());
		System.out.println("Written: " + input.out() + ".json and " + input.out() + ".md");
	}

	List<Scenario> scenarios() {
		return this.scenarios;
	}

	Optional<Scenario> scenario(String name) {
		return this.scenarios.stream().filter((scenario) -> scenario.name().equals(name)).findFirst();
	}

	/**
	 * The proxy's overhead as a ratio: lb-single req/s over direct-single req/s.
	 * @return the ratio, NaN when either did not run
	 */
	double rateRatio() {
		return Stats.ratio(figure(LB_SINGLE, ScenarioSummary::requestsPerSecond),
				figure(DIRECT_SINGLE, ScenarioSummary::requestsPerSecond));
	}

	/**
	 * The p99 the load balancer adds at half load: lb-half p99 minus direct-half p99.
	 * @return milliseconds, NaN when either did not run
	 */
	double addedP99Millis() {
		return figure(LB_HALF, ScenarioSummary::p99Millis) - figure(DIRECT_HALF, ScenarioSummary::p99Millis);
	}

	/**
	 * The p50 the load balancer adds at half load.
	 * @return milliseconds, NaN when either did not run
	 */
	double addedP50Millis() {
		return figure(LB_HALF, ScenarioSummary::p50Millis) - figure(DIRECT_HALF, ScenarioSummary::p50Millis);
	}

	private double figure(String scenario, ToDoubleFunction<ScenarioSummary> figure) {
		return scenario(scenario).map((found) -> figure.applyAsDouble(found.summary())).orElse(Double.NaN);
	}

	/** The two targets, each measured or not. */
	List<BenchReport.Check> checks() {
		List<BenchReport.Check> checks = new ArrayList<>();
		String rateTarget = "through the load balancer >= 60% of the direct req/s";
		Optional<Scenario> direct = scenario(DIRECT_SINGLE);
		Optional<Scenario> lb = scenario(LB_SINGLE);
		if (direct.isPresent() && lb.isPresent()) {
			double ratio = rateRatio();
			String measured = String.format(Locale.ROOT, "%s%% (%s vs %s req/s)", format(ratio * 100, 1),
					format(lb.get().summary().requestsPerSecond(), 0),
					format(direct.get().summary().requestsPerSecond(), 0));
			String failures = failures(direct.get(), lb.get());
			checks.add(new BenchReport.Check(rateTarget, measured + failures,
					Double.isNaN(ratio) ? null : ratio >= RATE_TARGET && failures.isEmpty()));
		}
		else {
			checks.add(new BenchReport.Check(rateTarget, "not run", null));
		}
		String p99Target = "p99 added by the load balancer at half load < 10 ms";
		Optional<Scenario> directHalf = scenario(DIRECT_HALF);
		Optional<Scenario> lbHalf = scenario(LB_HALF);
		if (directHalf.isPresent() && lbHalf.isPresent()) {
			double added = addedP99Millis();
			String measured = String.format(Locale.ROOT, "%s ms (lb-half %s ms - direct-half %s ms at %s req/s)",
					format(added, 2), format(lbHalf.get().summary().p99Millis(), 2),
					format(directHalf.get().summary().p99Millis(), 2), format(lbHalf.get().targetRps(), 0));
			String problems = failures(directHalf.get(), lbHalf.get()) + behind(directHalf.get())
					+ behind(lbHalf.get());
			checks.add(new BenchReport.Check(p99Target, measured + problems,
					Double.isNaN(added) ? null : added < ADDED_P99_TARGET_MILLIS && problems.isEmpty()));
		}
		else {
			checks.add(new BenchReport.Check(p99Target, "not run", null));
		}
		return checks;
	}

	/** What makes a comparison of the two scenarios unfair, or nothing. */
	private static String failures(Scenario... scenarios) {
		StringBuilder text = new StringBuilder();
		for (Scenario scenario : scenarios) {
			long errors = scenario.summary().errors();
			long non2xx = scenario.summary().non2xx();
			if (errors > 0 || non2xx > 0) {
				text.append(String.format(Locale.ROOT, "; %s had %d non-2xx answers and %d socket errors",
						scenario.name(), non2xx, errors));
			}
		}
		return text.toString();
	}

	/** A paced scenario that did not reach its rate, or nothing. */
	private static String behind(Scenario scenario) {
		double target = scenario.targetRps();
		double achieved = scenario.summary().requestsPerSecond();
		if (Double.isNaN(target) || target <= 0 || achieved >= HELD_SHARE * target) {
			return "";
		}
		return String.format(Locale.ROOT, "; %s reached only %s of %s req/s", scenario.name(), format(achieved, 0),
				format(target, 0));
	}

	String table() {
		StringBuilder text = new StringBuilder();
		String row = "%-14s %4s %9s %9s %8s %8s %9s %8s %6s %7s  %s%n";
		text.append(String.format(Locale.ROOT, row, "scenario", "runs", "req/s", "paced at", "p50 ms", "p99 ms",
				"p99.9 ms", "max ms", "errors", "non-2xx", "CPU cores all: lb/gw1/gw2/broker/wrk/other"));
		for (Scenario scenario : this.scenarios) {
			ScenarioSummary summary = scenario.summary();
			text.append(String.format(Locale.ROOT, row, scenario.name(), summary.runs(),
					format(summary.requestsPerSecond(), 0), paced(scenario), format(summary.p50Millis(), 2),
					format(summary.p99Millis(), 2), format(scenario.p999Millis(), 2), format(scenario.maxMillis(), 1),
					summary.errors(), summary.non2xx(), cores(scenario, "/")));
		}
		text.append(System.lineSeparator());
		for (BenchReport.Check check : checks()) {
			text.append(String.format(Locale.ROOT, "%-5s %s: %s%n", check.verdict(), check.target(), check.measured()));
		}
		return text.toString();
	}

	String markdown() {
		StringBuilder text = new StringBuilder("# Beacon load-balancer benchmark\n\n");
		this.meta.forEach((name, value) -> text.append("- ").append(name).append(": ").append(value).append('\n'));
		text.append("\nMedians of the measured runs. wrk, the load balancer, both gateways and the broker share "
				+ "the machine's cores.\n\n");
		text.append("| scenario | runs | req/s | paced at | p50 ms | p99 ms | p99.9 ms | max ms | errors | non-2xx "
				+ "| CPU cores: all: lb / gateway 1 / gateway 2 / broker / wrk / other |\n");
		text.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Scenario scenario : this.scenarios) {
			ScenarioSummary summary = scenario.summary();
			text.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %d | %d | %s |%n",
					scenario.name(), summary.runs(), format(summary.requestsPerSecond(), 0), paced(scenario),
					format(summary.p50Millis(), 2), format(summary.p99Millis(), 2), format(scenario.p999Millis(), 2),
					format(scenario.maxMillis(), 1), summary.errors(), summary.non2xx(), cores(scenario, " / ")));
		}
		text.append(String.format(Locale.ROOT,
				"%nOverhead: lb-single / direct-single req/s = %s%%; added at half load: p50 %s ms, p99 %s ms.%n",
				format(rateRatio() * 100, 1), format(addedP50Millis(), 2), format(addedP99Millis(), 2)));
		text.append("\n| target | measured | verdict |\n|---|---|---|\n");
		for (BenchReport.Check check : checks()) {
			text.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", check.target(), check.measured(),
					check.verdict()));
		}
		text.append("\nCPU per request (µs of CPU time per answered request, from the medians; in the paced "
				+ "scenarios each process's fixed background work, such as health checks, Kafka polls and "
				+ "metrics, weighs in too):\n\n"
				+ "| scenario | load balancer | gateways | broker | wrk |\n|---|---:|---:|---:|---:|\n");
		for (Scenario scenario : this.scenarios) {
			text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", scenario.name(),
					format(scenario.microsPerRequest("lb"), 1), format(scenario.microsPerRequest("gateways"), 1),
					format(scenario.microsPerRequest("broker"), 1), format(scenario.microsPerRequest("wrk"), 1)));
		}
		text.append("\nPer run:\n\n| scenario | run | req/s | p50 ms | p99 ms | p99.9 ms | max ms "
				+ "| requests to gateway 1 / 2 | load-balancer errors | gateways in rotation after |\n"
				+ "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Scenario scenario : this.scenarios) {
			for (ResultLine run : scenario.lines()) {
				text.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
						scenario.name(), run.run(), format(number(run, "rps"), 0), format(number(run, "p50_ms"), 2),
						format(number(run, "p99_ms"), 2), format(number(run, "p999_ms"), 2),
						format(number(run, "max_ms"), 1),
						run.fields().getOrDefault("backend_requests", "-").replace(",", " / "),
						run.fields().getOrDefault("backend_errors", "-").replace(",", " / "),
						run.fields().getOrDefault("backends_healthy", "-")));
			}
		}
		return text.toString();
	}

	String json() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("meta", this.meta);
		List<Map<String, Object>> scenarioNodes = new ArrayList<>();
		for (Scenario scenario : this.scenarios) {
			ScenarioSummary summary = scenario.summary();
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("scenario", scenario.name());
			node.put("description", DESCRIPTIONS.get(scenario.name()));
			node.put("runs", summary.runs());
			node.put("requests_per_s", number(summary.requestsPerSecond()));
			node.put("target_requests_per_s", number(scenario.targetRps()));
			node.put("p50_ms", number(summary.p50Millis()));
			node.put("p99_ms", number(summary.p99Millis()));
			node.put("p999_ms", number(scenario.p999Millis()));
			node.put("max_ms", number(scenario.maxMillis()));
			node.put("errors", summary.errors());
			node.put("non2xx", summary.non2xx());
			node.put("cpu_machine_cores", number(summary.machineCores()));
			for (String process : PROCESSES) {
				node.put("cpu_" + process + "_cores", number(scenario.cores(process)));
			}
			Map<String, Object> perRequest = new LinkedHashMap<>();
			for (String process : List.of("lb", "gateways", "broker", "wrk")) {
				perRequest.put(process, number(scenario.microsPerRequest(process)));
			}
			node.put("cpu_us_per_request", perRequest);
			List<Map<String, Object>> runs = new ArrayList<>();
			for (ResultLine run : scenario.lines()) {
				Map<String, Object> runNode = new LinkedHashMap<>();
				runNode.put("run", run.run());
				for (String field : List.of("rps", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms", "non2xx",
						"cpu_machine_cores", "cpu_lb_cores", "cpu_gateway1_cores", "cpu_gateway2_cores",
						"cpu_broker_cores", "cpu_wrk_cores", "cpu_other_cores")) {
					runNode.put(field, number(number(run, field)));
				}
				for (String field : List.of("backend_requests", "backend_errors", "backends_healthy")) {
					if (run.fields().containsKey(field)) {
						runNode.put(field, run.fields().get(field));
					}
				}
				runs.add(runNode);
			}
			node.put("per_run", runs);
			scenarioNodes.add(node);
		}
		document.put("scenarios", scenarioNodes);
		Map<String, Object> overhead = new LinkedHashMap<>();
		overhead.put("rate_ratio", number(rateRatio()));
		overhead.put("added_p50_ms_at_half_load", number(addedP50Millis()));
		overhead.put("added_p99_ms_at_half_load", number(addedP99Millis()));
		document.put("overhead", overhead);
		List<Map<String, Object>> targets = new ArrayList<>();
		for (BenchReport.Check check : checks()) {
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("target", check.target());
			node.put("measured", check.measured());
			node.put("met", check.met());
			targets.add(node);
		}
		document.put("targets", targets);
		return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(document)
				+ System.lineSeparator();
	}

	private static String paced(Scenario scenario) {
		return (scenario.targetRps() > 0) ? format(scenario.targetRps(), 0) : "-";
	}

	private static String cores(Scenario scenario, String separator) {
		StringBuilder text = new StringBuilder(format(scenario.summary().machineCores(), 2)).append(':');
		for (String process : PROCESSES) {
			text.append((process.equals(PROCESSES.get(0))) ? " " : separator)
				.append(format(scenario.cores(process), 2));
		}
		return text.toString();
	}

	private static double number(ResultLine line, String field) {
		return line.number(field).orElse(Double.NaN);
	}

	private static Double number(double value) {
		return Double.isNaN(value) ? null : Math.round(value * 1000) / 1000.0;
	}

	private static String format(double value, int decimals) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	/**
	 * A scenario's runs and their medians.
	 *
	 * @param name the scenario
	 * @param summary the medians of the usual figures
	 * @param lines its runs, in run order
	 */
	record Scenario(String name, ScenarioSummary summary, List<ResultLine> lines) {

		static Scenario of(String name, List<ResultLine> lines) {
			List<ResultLine> sorted = new ArrayList<>(lines);
			sorted.sort((a, b) -> Integer.compare(a.run(), b.run()));
			return new Scenario(name, ScenarioSummary.of(name, sorted), List.copyOf(sorted));
		}

		/** The rate it was paced at; 0 when it was not. */
		double targetRps() {
			return median("target_rps");
		}

		double p999Millis() {
			return median("p999_ms");
		}

		double maxMillis() {
			return median("max_ms");
		}

		/**
		 * Cores a process used.
		 * @param process one of {@link #PROCESSES}
		 * @return the median over the runs
		 */
		double cores(String process) {
			return median("cpu_" + process + "_cores");
		}

		/**
		 * Microseconds of CPU a process spent per request, from the medians.
		 * @param process {@code lb}, {@code gateways} (both), {@code broker} or
		 * {@code wrk}
		 * @return µs per request, NaN when not measured
		 */
		double microsPerRequest(String process) {
			double cores = process.equals("gateways") ? cores("gateway1") + cores("gateway2") : cores(process);
			return Stats.ratio(cores * 1_000_000, this.summary.requestsPerSecond());
		}

		private double median(String field) {
			return Stats.median(this.lines.stream().map((line) -> line.number(field).orElse(Double.NaN)).toList());
		}

	}

}
