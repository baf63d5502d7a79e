package io.beacon.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the {@code BENCH} lines of one run of {@code bench/ingest-bench.sh} into medians,
 * ratios to the machine's ceilings and the targets: a table on standard output
 * and {@code <out>.json} and {@code <out>.md}.
 * <p>
 * {@code report --results=<file> --out=<path without extension> [--meta.<name>=<value> ...]}
 */
public final class BenchReport {

	static final String HTTP_CEILING = "trivial-single";

	static final String KAFKA_CEILING = "kafka-producer";

	static final String GATEWAY_SINGLE = "gateway-single";

	static final String GATEWAY_BATCH = "gateway-batch";

	static final String GATEWAY_HALF_RATE = "gateway-single-half-rate";

	static final double SINGLE_TARGET = 0.70;

	static final double BATCH_TARGET = 0.60;

	static final double HALF_RATE_P99_TARGET_MILLIS = 25.0;

	private static final Map<String, String> DESCRIPTIONS = Map.of(HTTP_CEILING,
			"HTTP ceiling: trivial WebFlux endpoint, 202 only", KAFKA_CEILING,
			"Kafka ceiling: producer straight to the broker", GATEWAY_SINGLE, "gateway POST /ingest/state",
			GATEWAY_BATCH, "gateway POST /ingest/batch", GATEWAY_HALF_RATE,
			"gateway POST /ingest/state at half its max rate");

	private final List<ScenarioSummary> scenarios;

	private final Map<String, String> meta;

	BenchReport(List<ResultLine> lines, Map<String, String> meta) {
		Map<String, List<ResultLine>> byScenario = new LinkedHashMap<>();
		for (ResultLine line : lines) {
			byScenario.computeIfAbsent(line.scenario(), (name) -> new ArrayList<>()).add(line);
		}
		this.scenarios = byScenario.entrySet()
			.stream()
			.map((entry) -> ScenarioSummary.of(entry.getKey(), entry.getValue()))
			.toList();
		this.meta = meta;
	}

	public static void main(String[] args) throws IOException {
		Path results = null;
		Path out = null;
		Map<String, String> meta = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.startsWith("--results=")) {
				results = Path.of(arg.substring("--results=".length()));
			}
			else if (arg.startsWith("--out=")) {
				out = Path.of(arg.substring("--out=".length()));
			}
			else if (arg.startsWith("--meta.") && arg.indexOf('=') > 0) {
				meta.put(arg.substring("--meta.".length(), arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
			else {
				throw new IllegalArgumentException("Unknown argument " + arg
						+ "; usage: report --results=<file> --out=<path without extension> [--meta.<name>=<value>]");
			}
		}
		if (results == null || out == null) {
			throw new IllegalArgumentException("--results and --out are required");
		}
		List<ResultLine> lines = Files.readAllLines(results, StandardCharsets.UTF_8)
			.stream()
			.map(ResultLine::parse)
			.flatMap(Optional::stream)
			.toList();
		meta.putIfAbsent("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		meta.putIfAbsent("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
		meta.putIfAbsent("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		meta.putIfAbsent("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		BenchReport report = new BenchReport(lines, meta);
		System.out.print(report.table());
		Path parent = out.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		Files.writeString(Path.of(out + ".json"), report.json(), StandardCharsets.UTF_8);
		Files.writeString(Path.of(out + ".md"), report.markdown(), StandardCharsets.UTF_8);
		System.out.println("Written: " + out + ".json and " + out + ".md");
	}

	List<ScenarioSummary> scenarios() {
		return this.scenarios;
	}

	Optional<ScenarioSummary> scenario(String name) {
		return this.scenarios.stream().filter((summary) -> summary.scenario().equals(name)).findFirst();
	}

	/**
	 * A scenario's figure divided by the ceiling it is judged against.
	 * @param summary the scenario
	 * @return the ratio, NaN when the scenario has no ceiling or the ceiling did not run
	 */
	double ratio(ScenarioSummary summary) {
		return switch (summary.scenario()) {
			case GATEWAY_SINGLE -> Stats.ratio(summary.requestsPerSecond(), figure(HTTP_CEILING, false));
			case GATEWAY_BATCH -> Stats.ratio(summary.eventsPerSecond(), figure(KAFKA_CEILING, true));
			case GATEWAY_HALF_RATE -> Stats.ratio(summary.requestsPerSecond(), figure(GATEWAY_SINGLE, false));
			default -> Double.NaN;
		};
	}

	private static String ceilingOf(String scenario) {
		return switch (scenario) {
			case GATEWAY_SINGLE -> "req/s of " + HTTP_CEILING;
			case GATEWAY_BATCH -> "events/s of " + KAFKA_CEILING;
			case GATEWAY_HALF_RATE -> "req/s of " + GATEWAY_SINGLE;
			default -> null;
		};
	}

	private double figure(String scenario, boolean events) {
		return scenario(scenario).map((summary) -> events ? summary.eventsPerSecond() : summary.requestsPerSecond())
			.orElse(Double.NaN);
	}

	/** The three targets, each measured or not. */
	List<Check> checks() {
		List<Check> checks = new ArrayList<>();
		checks.add(scenario(GATEWAY_SINGLE).map((summary) -> {
			double ratio = ratio(summary);
			return new Check("single-event req/s >= 70% of the HTTP ceiling", format(ratio * 100, 1) + "%",
					Double.isNaN(ratio) ? null : ratio >= SINGLE_TARGET);
		}).orElse(new Check("single-event req/s >= 70% of the HTTP ceiling", "not run", null)));
		checks.add(scenario(GATEWAY_BATCH).map((summary) -> {
			double ratio = ratio(summary);
			return new Check("batch events/s >= 60% of the Kafka producer ceiling", format(ratio * 100, 1) + "%",
					Double.isNaN(ratio) ? null : ratio >= BATCH_TARGET);
		}).orElse(new Check("batch events/s >= 60% of the Kafka producer ceiling", "not run", null)));
		checks.add(scenario(GATEWAY_HALF_RATE).map((summary) -> {
			double p99 = summary.p99Millis();
			return new Check("single-event p99 < 25 ms at half the max rate",
					format(p99, 2) + " ms at " + format(summary.requestsPerSecond(), 0) + " req/s",
					Double.isNaN(p99) ? null : p99 < HALF_RATE_P99_TARGET_MILLIS);
		}).orElse(new Check("single-event p99 < 25 ms at half the max rate", "not run", null)));
		return checks;
	}

	String table() {
		StringBuilder text = new StringBuilder();
		String row = "%-26s %4s %10s %11s %8s %8s %7s %8s %16s  %s%n";
		text.append(String.format(Locale.ROOT, row, "scenario", "runs", "req/s", "events/s", "p50 ms", "p99 ms",
				"errors", "non-2xx", "CPU all/svc/oth", "ratio to ceiling"));
		for (ScenarioSummary summary : this.scenarios) {
			text.append(
					String.format(Locale.ROOT, row, summary.scenario(), summary.runs(),
							format(summary.requestsPerSecond(), 0), format(summary.eventsPerSecond(), 0),
							format(summary.p50Millis(), 2), format(summary.p99Millis(), 2), summary.errors(),
							summary.non2xx(), format(summary.machineCores(), 2) + "/"
									+ format(summary.serviceCores(), 2) + "/" + format(summary.otherCores(), 2),
							ratioText(summary)));
		}
		text.append(System.lineSeparator());
		for (Check check : checks()) {
			text.append(String.format(Locale.ROOT, "%-5s %s: %s%n", check.verdict(), check.target(), check.measured()));
		}
		return text.toString();
	}

	String markdown() {
		StringBuilder text = new StringBuilder("# Beacon ingest benchmark\n\n");
		this.meta.forEach((name, value) -> text.append("- ").append(name).append(": ").append(value).append('\n'));
		text.append("\nMedians of the measured runs. The load generator shares the cores with the services.\n\n");
		text.append(
				"| scenario | runs | req/s | events/s | p50 ms | p99 ms | errors | non-2xx | CPU cores: all / services "
						+ "| ratio to ceiling |\n");
		text.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
		for (ScenarioSummary summary : this.scenarios) {
			text.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %d | %d | %s / %s / %s | %s |%n",
					summary.scenario(), summary.runs(), format(summary.requestsPerSecond(), 0),
					format(summary.eventsPerSecond(), 0), format(summary.p50Millis(), 2),
					format(summary.p99Millis(), 2), summary.errors(), summary.non2xx(),
					format(summary.machineCores(), 2), format(summary.serviceCores(), 2),
					format(summary.otherCores(), 2), ratioText(summary)));
		}
		text.append("\n| target | measured | verdict |\n|---|---|---|\n");
		for (Check check : checks()) {
			text.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", check.target(), check.measured(),
					check.verdict()));
		}
		text.append(
				"\nPer run:\n\n| scenario | run | req/s | events/s | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|---:|\n");
		for (ScenarioSummary summary : this.scenarios) {
			for (ScenarioSummary.Run run : summary.perRun()) {
				text.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", summary.scenario(),
						run.run(), format(run.requestsPerSecond(), 0), format(run.eventsPerSecond(), 0),
						format(run.p50Millis(), 2), format(run.p99Millis(), 2)));
			}
		}
		return text.toString();
	}

	String json() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("meta", this.meta);
		List<Map<String, Object>> scenarioNodes = new ArrayList<>();
		for (ScenarioSummary summary : this.scenarios) {
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("scenario", summary.scenario());
			node.put("description", DESCRIPTIONS.get(summary.scenario()));
			node.put("runs", summary.runs());
			node.put("requests_per_s", number(summary.requestsPerSecond()));
			node.put("events_per_s", number(summary.eventsPerSecond()));
			node.put("p50_ms", number(summary.p50Millis()));
			node.put("p99_ms", number(summary.p99Millis()));
			node.put("errors", summary.errors());
			node.put("non2xx", summary.non2xx());
			node.put("cpu_machine_cores", number(summary.machineCores()));
			node.put("cpu_services_cores", number(summary.serviceCores()));
			node.put("cpu_other_cores", number(summary.otherCores()));
			node.put("ratio", number(ratio(summary)));
			node.put("ratio_of", ceilingOf(summary.scenario()));
			List<Map<String, Object>> runs = new ArrayList<>();
			for (ScenarioSummary.Run run : summary.perRun()) {
				Map<String, Object> runNode = new LinkedHashMap<>();
				runNode.put("run", run.run());
				runNode.put("requests_per_s", number(run.requestsPerSecond()));
				runNode.put("events_per_s", number(run.eventsPerSecond()));
				runNode.put("p50_ms", number(run.p50Millis()));
				runNode.put("p99_ms", number(run.p99Millis()));
				runNode.put("errors", run.errors());
				runNode.put("non2xx", run.non2xx());
				runNode.put("cpu_machine_cores", number(run.machineCores()));
				runNode.put("cpu_services_cores", number(run.serviceCores()));
				runNode.put("cpu_other_cores", number(run.otherCores()));
				runs.add(runNode);
			}
			node.put("per_run", runs);
			scenarioNodes.add(node);
		}
		document.put("scenarios", scenarioNodes);
		List<Map<String, Object>> targets = new ArrayList<>();
		for (Check check : checks()) {
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

	private String ratioText(ScenarioSummary summary) {
		double ratio = ratio(summary);
		return Double.isNaN(ratio) ? "" : format(ratio * 100, 1) + "% of " + ceilingOf(summary.scenario());
	}

	private static Double number(double value) {
		return Double.isNaN(value) ? null : Math.round(value * 1000) / 1000.0;
	}

	private static String format(double value, int decimals) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	/**
	 * One target of the issue.
	 *
	 * @param target what is wanted
	 * @param measured what was measured
	 * @param met whether it was met; {@code null} when not measured
	 */
	record Check(String target, String measured, Boolean met) {

		String verdict() {
			return (this.met == null) ? "N/A" : this.met ? "MET" : "MISS";
		}

	}

}
