package io.beacon.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.beacon.bench.Arguments;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stack benchmark's report ({@code bench/stack-bench.sh}): the machine's ceilings and
 * the whole stack as {@code ./start.sh} runs it, measured in one run, every figure with
 * the ceiling it is judged against, the ratio and the issues' targets; then CPU per phase
 * and the runs. Printed and written as Markdown and JSON.
 * <p>
 * {@code stack-report --results=<BENCH lines> --out=<path without extension>
 * [--lag=<watchtower samples>] [--soak=<simulator --report-json file>]
 * [--soak-skipped=<why>] [--machine.<name>=<value> ...] [--<name>=<value> ...]}: the
 * {@code machine.} options describe the machine, every other one goes into the header as
 * it is.
 */
public final class StackReport {

	static final String HTTP_CEILING = "trivial-single";

	static final String KAFKA_CEILING = "kafka-producer";

	static final String JDBC_CEILING = "jdbc-ceiling";

	static final String LB_SINGLE = "lb-single";

	static final String LB_BATCH = "lb-batch";

	/** The batch load's window and the drain after it, for the lag. */
	static final String ARCHIVE = "archive";

	static final String SOAK = "soak";

	/**
	 * Issue 2: single events through the stack, at least this share of the HTTP ceiling.
	 */
	static final double SINGLE_TARGET = 0.70;

	/** Issue 2: batches, at least this share of the Kafka ceiling. */
	static final double BATCH_TARGET = 0.60;

	/** Issue 3: archiving, at least this share of the raw JDBC ceiling. */
	static final double ARCHIVE_TARGET = 0.80;

	/**
	 * Issue 9: ingest-to-WebSocket p99 under this in every second, the burst included.
	 */
	static final double WS_P99_TARGET_MILLIS = 1000;

	/** Issue 9: archive lag back to normal within this after the burst. */
	static final double LAG_RECOVERY_TARGET_S = 30;

	/** The soak held its load when it got at least this share of the events offered. */
	static final double HELD_TARGET = 0.97;

	private static final Set<String> CPU_TOTALS = Set.of("cpu_machine_cores", "cpu_services_cores", "cpu_load_cores",
			"cpu_wrk_cores", "cpu_other_cores");

	private final Map<String, LbReport.Scenario> scenarios = new LinkedHashMap<>();

	private final LagSeries lag;

	private final SoakResult soak;

	private final Map<String, String> machine;

	private final Map<String, String> meta;

	StackReport(List<ResultLine> lines, LagSeries lag, SoakResult soak, Map<String, String> machine,
			Map<String, String> meta) {
		Map<String, List<ResultLine>> byScenario = new LinkedHashMap<>();
		for (ResultLine line : lines) {
			byScenario.computeIfAbsent(line.scenario(), (name) -> new ArrayList<>()).add(line);
		}
		byScenario.forEach((name, runs) -> this.scenarios.put(name, LbReport.Scenario.of(name, runs)));
		this.lag = lag;
		this.soak = soak;
		this.machine = machine;
		this.meta = meta;
	}

	public static void main(String[] args) throws IOException {
		Arguments arguments = new Arguments(args);
		List<ResultLine> lines = Files.readAllLines(Path.of(arguments.require("results")), StandardCharsets.UTF_8)
			.stream()
			.map(ResultLine::parse)
			.flatMap(Optional::stream)
			.toList();
		String lagFile = arguments.get("lag", "");
		LagSeries lag = (!lagFile.isEmpty() && Files.exists(Path.of(lagFile)))
				? LagSeries.parse(Files.readAllLines(Path.of(lagFile), StandardCharsets.UTF_8))
				: new LagSeries(List.of());
		String soakFile = arguments.get("soak", "");
		SoakResult soak;
		if (!soakFile.isEmpty() && Files.exists(Path.of(soakFile))) {
			soak = SoakResult.parse(Files.readString(Path.of(soakFile), StandardCharsets.UTF_8));
		}
		else {
			soak = SoakResult.skipped(arguments.get("soak-skipped", "not run"));
		}
		Map<String, String> machine = new LinkedHashMap<>();
		Map<String, String> meta = new LinkedHashMap<>();
		arguments.others("results", "out", "lag", "soak", "soak-skipped").forEach((name, value) -> {
			if (name.startsWith("machine.")) {
				machine.put(name.substring("machine.".length()), value);
			}
			else {
				meta.put(name, value);
			}
		});
		StackReport report = new StackReport(lines, lag, soak, machine, meta);
		ReportInput output = new ReportInput(lines, Path.of(arguments.require("out")), meta);
		System.out.print(report.figureTable());
		output.write(report.markdown(), report.json());
		System.out.println("Written: " + output.out() + ".json and " + output.out() + ".md");
	}

	Optional<LbReport.Scenario> scenario(String name) {
		return Optional.ofNullable(this.scenarios.get(name));
	}

	private double summary(String scenario, java.util.function.ToDoubleFunction<ScenarioSummary> figure) {
		return scenario(scenario).map((found) -> figure.applyAsDouble(found.summary())).orElse(Double.NaN);
	}

	private double field(String scenario, String field) {
		return scenario(scenario)
			.map((found) -> Stats
				.median(found.lines().stream().map((line) -> line.number(field).orElse(Double.NaN)).toList()))
			.orElse(Double.NaN);
	}

	double httpCeiling() {
		return summary(HTTP_CEILING, ScenarioSummary::requestsPerSecond);
	}

	double kafkaCeiling() {
		return summary(KAFKA_CEILING, ScenarioSummary::eventsPerSecond);
	}

	double jdbcCeiling() {
		return field(JDBC_CEILING, "rows_per_s");
	}

	/** Single events through the load balancer over the HTTP ceiling. */
	double singleRatio() {
		return Stats.ratio(summary(LB_SINGLE, ScenarioSummary::requestsPerSecond), httpCeiling());
	}

	/** Batched events through the load balancer over the Kafka ceiling. */
	double batchRatio() {
		return Stats.ratio(summary(LB_BATCH, ScenarioSummary::eventsPerSecond), kafkaCeiling());
	}

	/**
	 * The archive under the batch load, from the watchtower's samples.
	 * @return the figures, empty when the batch phase or its window did not run
	 */
	Optional<LagSeries.Archive> archive() {
		double start = field(ARCHIVE, "load_start_ms");
		double end = field(ARCHIVE, "load_end_ms");
		if (Double.isNaN(start) || Double.isNaN(end) || this.lag.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(this.lag.archive((long) start, (long) end));
	}

	/** The archiver's rate while it drained the batch backlog over the JDBC ceiling. */
	double archiveRatio() {
		return archive().map((archive) -> Stats.ratio(archive.drainRate(), jdbcCeiling())).orElse(Double.NaN);
	}

	/** Every figure of the run, the ceilings first. */
	List<Figure> figures() {
		List<Figure> figures = new ArrayList<>();
		figures.add(Figure.plain("HTTP ceiling: trivial 202 endpoint, wrk single.lua", httpCeiling(), "req/s"));
		figures.add(Figure.plain("Kafka ceiling: raw producer, the gateway's settings", kafkaCeiling(), "events/s"));
		figures.add(Figure.plain("JDBC ceiling: raw batch insert, SQLite" + rowsNote(), jdbcCeiling(), "rows/s"));

		String singleTarget = "≥ 70 % of the HTTP ceiling (issue 2)";
		figures.add(scenario(LB_SINGLE).map((single) -> {
			double ratio = singleRatio();
			String failures = failures(single);
			return new Figure("Single-event ingest via the load balancer", single.summary().requestsPerSecond(),
					"req/s", "HTTP ceiling", httpCeiling(), ratio, singleTarget,
					Double.isNaN(ratio) ? null : ratio >= SINGLE_TARGET && failures.isEmpty(), failures);
		}).orElse(Figure.notRun("Single-event ingest via the load balancer", "req/s", singleTarget)));
		scenario(LB_SINGLE).ifPresent((single) -> {
			figures.add(Figure.plain("Single-event latency p50", single.summary().p50Millis(), "ms"));
			figures.add(Figure.plain("Single-event latency p99", single.summary().p99Millis(), "ms"));
		});

		String batchTarget = "≥ 60 % of the Kafka ceiling (issue 2)";
		figures.add(scenario(LB_BATCH).map((batch) -> {
			double ratio = batchRatio();
			String failures = failures(batch);
			return new Figure("Batch ingest via the load balancer (" + eventsPerRequest(batch) + " events/request)",
					batch.summary().eventsPerSecond(), "events/s", "Kafka ceiling", kafkaCeiling(), ratio, batchTarget,
					Double.isNaN(ratio) ? null : ratio >= BATCH_TARGET && failures.isEmpty(), failures);
		}).orElse(Figure.notRun("Batch ingest via the load balancer", "events/s", batchTarget)));

		String archiveTarget = "≥ 80 % of the JDBC ceiling (issue 3)";
		Optional<LagSeries.Archive> archive = archive();
		if (archive.isPresent()) {
			LagSeries.Archive found = archive.get();
			double ratio = archiveRatio();
			String note = Double.isNaN(found.drainRate())
					? "no backlog to measure: the lag at the end of the load was " + format(found.lagAtLoadEnd(), 0)
					: "";
			figures.add(new Figure("Archiving while draining the batch backlog", found.drainRate(), "rows/s",
					"JDBC ceiling", jdbcCeiling(), ratio, archiveTarget,
					Double.isNaN(ratio) ? null : ratio >= ARCHIVE_TARGET, note));
			figures.add(new Figure("Archiving during the batch load", found.rateDuringLoad(), "rows/s", "JDBC ceiling",
					jdbcCeiling(), Stats.ratio(found.rateDuringLoad(), jdbcCeiling()), null, null, ""));
			figures.add(Figure.plain("Archive lag, peak (batch load)", found.peakLag(), "records"));
			figures.add(new Figure("Drain time after the batch load (lag back to 0)", found.drainSeconds(), "s", null,
					Double.NaN, Double.NaN, null, null, found.drained() ? ""
							: "not drained within " + format(field(ARCHIVE, "drain_timeout_s"), 0) + " s"));
		}
		else {
			figures.add(Figure.notRun("Archiving while draining the batch backlog", "rows/s", archiveTarget));
		}
		figures.addAll(soakFigures());
		return figures;
	}

	private String rowsNote() {
		double rows = field(JDBC_CEILING, "rows");
		return Double.isNaN(rows) ? "" : String.format(Locale.ROOT, " (%,.0f rows)", rows);
	}

	private static String eventsPerRequest(LbReport.Scenario scenario) {
		return format(Stats.median(
				scenario.lines().stream().map((line) -> line.number("events_per_request").orElse(Double.NaN)).toList()),
				0);
	}

	/** Non-2xx answers and socket errors make a throughput figure not count. */
	private static String failures(LbReport.Scenario scenario) {
		long errors = scenario.summary().errors();
		long non2xx = scenario.summary().non2xx();
		if (errors == 0 && non2xx == 0) {
			return "";
		}
		return String.format(Locale.ROOT, "%d non-2xx answers and %d socket errors", non2xx, errors);
	}

	private List<Figure> soakFigures() {
		List<Figure> figures = new ArrayList<>();
		String wsTarget = "< 1 s in every second (issue 9)";
		String lagTarget = "≤ 30 s (issue 9)";
		String verifyTarget = "0 / 0 / 0 (issue 9)";
		if (!this.soak.ran()) {
			String why = this.soak.skippedBecause();
			figures.add(Figure.notRun("Soak: WebSocket delay p99, worst second", "ms", wsTarget).withNote(why));
			figures
				.add(Figure.notRun("Soak: archive lag back to normal after the burst", "s", lagTarget).withNote(why));
			figures.add(Figure.notRun("Soak: lost / duplicated / out of order", "events", verifyTarget).withNote(why));
			return figures;
		}
		double held = this.soak.heldShare();
		String agents = format(this.soak.number("options", "agents"), 0);
		figures.add(new Figure("Soak (" + agents + " agents): events accepted", this.soak.number("totals", "accepted"),
				"events", "offered", this.soak.offeredEvents(), held, "≥ 97 % of the events offered",
				Double.isNaN(held) ? null : held >= HELD_TARGET, ""));
		figures.add(Figure.plain("Soak: accepted events/s", this.soak.number("totals", "accepted_per_s"), "events/s"));
		figures
			.add(Figure.plain("Soak: ingest-to-WebSocket delay p50", this.soak.number("ws", "delay_ms", "p50"), "ms"));
		figures
			.add(Figure.plain("Soak: ingest-to-WebSocket delay p99", this.soak.number("ws", "delay_ms", "p99"), "ms"));
		figures
			.add(Figure.plain("Soak: ingest-to-WebSocket delay max", this.soak.number("ws", "delay_ms", "max"), "ms"));
		double worst = this.soak.number("ws", "worst_second", "p99_ms");
		figures.add(new Figure("Soak: WebSocket delay p99, worst second", worst, "ms", null, Double.NaN, Double.NaN,
				wsTarget, Double.isNaN(worst) ? null : worst < WS_P99_TARGET_MILLIS, ""));
		double burst = this.soak.number("ws", "burst", "p99_ms");
		figures.add(new Figure("Soak: WebSocket delay p99 during the burst", burst, "ms", null, Double.NaN, Double.NaN,
				"< 1 s (issue 9)", Double.isNaN(burst) ? null : burst < WS_P99_TARGET_MILLIS, ""));
		figures.add(Figure.plain("Soak: archive lag, max", this.soak.number("lag", "max"), "records"));
		figures.add(Figure.plain("Soak: archive lag at the end of the burst", this.soak.number("lag", "at_burst_end"),
				"records"));
		double recovered = this.soak.seconds("lag", "normal_after_burst_s");
		figures.add(new Figure("Soak: archive lag back to normal after the burst", recovered, "s", null, Double.NaN,
				Double.NaN, lagTarget, Double.isNaN(recovered) ? null : recovered <= LAG_RECOVERY_TARGET_S,
				Double.isNaN(recovered) ? "not back to normal while it was watched" : ""));
		figures
			.add(Figure.plain("Soak: archive drained after the last send", this.soak.seconds("lag", "drain_s"), "s"));
		double lost = this.soak.number("verify", "lost");
		double duplicated = this.soak.number("verify", "duplicated");
		double outOfOrder = this.soak.number("verify", "out_of_order");
		Boolean clean = this.soak.bool("verify", "clean");
		Boolean met = (Double.isNaN(lost) || Double.isNaN(duplicated) || Double.isNaN(outOfOrder)) ? clean
				: Boolean.valueOf(lost == 0 && duplicated == 0 && outOfOrder == 0 && !Boolean.FALSE.equals(clean));
		figures.add(new Figure("Soak: lost / duplicated / out of order", Double.NaN, "events", null, Double.NaN,
				Double.NaN, verifyTarget, met, "")
			.withText(format(lost, 0) + " / " + format(duplicated, 0) + " / " + format(outOfOrder, 0)));
		return figures;
	}

	/** The figures as a plain-text table, for the console. */
	String figureTable() {
		StringBuilder text = new StringBuilder();
		String row = "%-62s %16s %16s %8s  %-6s %s%n";
		text.append(String.format(Locale.ROOT, row, "figure", "value", "ceiling", "ratio", "", "target"));
		for (Figure figure : figures()) {
			text.append(String.format(Locale.ROOT, row, figure.name(), figure.valueText(), figure.ceilingText(),
					figure.ratioText(), figure.verdict(), (figure.target() != null) ? figure.target() : ""));
		}
		return text.toString();
	}

	String markdown() {
		StringBuilder md = new StringBuilder("# Beacon stack benchmark\n\n");
		if (!this.machine.isEmpty()) {
			md.append("Machine:\n\n");
			this.machine.forEach((name, value) -> md.append("- ").append(name).append(": ").append(value).append('\n'));
			md.append('\n');
		}
		this.meta.forEach((name, value) -> md.append("- ").append(name).append(": ").append(value).append('\n'));
		md.append("\nThe ceilings were measured first, on the same machine in the same run; then the whole stack as "
				+ "`./start.sh` runs it. Rates are medians of the measured runs; the load generator shares the "
				+ "cores with what it measures.\n\n");
		md.append("| figure | value | ceiling | ratio | target | verdict |\n|---|---:|---:|---:|---|---|\n");
		for (Figure figure : figures()) {
			String note = figure.note().isEmpty() ? "" : " (" + figure.note() + ")";
			md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", figure.name(), figure.valueText(),
					figure.ceilingText(), figure.ratioText(), (figure.target() != null) ? figure.target() : "",
					figure.verdict() + note));
		}
		md.append("\n## CPU per phase\n\nCores busy (from `/proc`): the whole machine, the processes measured "
				+ "(the ceiling's process, or every service of the stack), the load generator (wrk, the "
				+ "simulator), and other (neither: other processes, kernel work charged to none).\n\n");
		List<String> services = serviceColumns();
		md.append("| phase | runs | all | services | load | other |");
		services.forEach((name) -> md.append(' ').append(name).append(" |"));
		md.append("\n|---|---:|---:|---:|---:|---:|");
		services.forEach((name) -> md.append("---:|"));
		md.append('\n');
		for (LbReport.Scenario scenario : this.scenarios.values()) {
			md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |", scenario.name(),
					scenario.summary().runs(), format(cores(scenario, "cpu_machine_cores"), 2),
					format(cores(scenario, "cpu_services_cores"), 2), format(loadCores(scenario), 2),
					format(cores(scenario, "cpu_other_cores"), 2)));
			for (String name : services) {
				md.append(' ').append(format(cores(scenario, "cpu_" + name + "_cores"), 2)).append(" |");
			}
			md.append('\n');
		}
		md.append("\n## Runs\n\n| phase | run | req/s | events/s | p50 ms | p99 ms | p99.9 ms | max ms | errors "
				+ "| non-2xx |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (LbReport.Scenario scenario : this.scenarios.values()) {
			if (scenario.name().equals(ARCHIVE) || scenario.name().equals(SOAK)) {
				continue;
			}
			for (int i = 0; i < scenario.lines().size(); i++) {
				ResultLine line = scenario.lines().get(i);
				ScenarioSummary.Run run = scenario.summary().perRun().get(i);
				double events = scenario.name().equals(JDBC_CEILING) ? line.number("rows_per_s").orElse(Double.NaN)
						: run.eventsPerSecond();
				md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %d | %d |%n",
						scenario.name(), run.run(), format(run.requestsPerSecond(), 0), format(events, 0),
						format(run.p50Millis(), 2), format(run.p99Millis(), 2),
						format(line.number("p999_ms").orElse(Double.NaN), 2),
						format(line.number("max_ms").orElse(Double.NaN), 1), run.errors(), run.non2xx()));
			}
		}
		archive().ifPresent((archive) -> md.append(String.format(Locale.ROOT,
				"%n## Archive lag under the batch load%n%nFrom the watchtower's `/status` (`consumer_lag` → `%s`), "
						+ "polled every second: %d polls during and after the load. Lag at the end of the load %s, "
						+ "peak %s; %s rows/s archived while the load ran, %s rows/s while draining (until the lag "
						+ "was down to %.0f %% of its value at the end of the load); %s.%n",
				LagSeries.GROUP, archive.samples(), format(archive.lagAtLoadEnd(), 0), format(archive.peakLag(), 0),
				format(archive.rateDuringLoad(), 0), format(archive.drainRate(), 0), LagSeries.DRAIN_RATE_UNTIL * 100,
				archive.drained() ? "back to 0 after " + format(archive.drainSeconds(), 1) + " s"
						: "never back to 0")));
		md.append("\n## Soak\n\n");
		if (this.soak.ran()) {
			md.append(String.format(Locale.ROOT,
					"The simulator's own report is `soak.json` in the logs folder (and under `soak` in this report's "
							+ "JSON). Sent %s, accepted %s, rejected %s, failed %s, retried %s in %s s; request latency "
							+ "p50 %s ms, p99 %s ms; WebSocket: %s of the run's events seen, worst second at %s s, "
							+ "%s disconnects, %s conflated frames (%s events skipped); archive lag normal at %s "
							+ "records; audit: %s expected, %s found, clean %s; simulator exit status %s.%n",
					format(this.soak.number("totals", "sent"), 0), format(this.soak.number("totals", "accepted"), 0),
					format(this.soak.number("totals", "rejected"), 0), format(this.soak.number("totals", "failed"), 0),
					format(this.soak.number("totals", "retried"), 0),
					format(this.soak.number("totals", "elapsed_s"), 1),
					format(this.soak.number("totals", "request_latency_ms", "p50"), 1),
					format(this.soak.number("totals", "request_latency_ms", "p99"), 1),
					format(this.soak.number("ws", "run_events"), 0),
					format(this.soak.number("ws", "worst_second", "t"), 0),
					format(this.soak.number("ws", "disconnects"), 0),
					format(this.soak.number("ws", "conflated_frames"), 0),
					format(this.soak.number("ws", "skipped_events"), 0), format(this.soak.number("lag", "normal"), 0),
					format(this.soak.number("verify", "expected"), 0), format(this.soak.number("verify", "found"), 0),
					this.soak.bool("verify", "clean"), format(this.soak.number("exit_code"), 0)));
			tools.jackson.databind.JsonNode problems = this.soak.root().path("problems");
			if (problems.isArray() && !problems.isEmpty()) {
				md.append("\nWhat the simulator found wrong:\n\n");
				problems.forEach((problem) -> md.append("- ").append(problem.asString()).append('\n'));
			}
		}
		else {
			md.append("Not run: ").append(this.soak.skippedBecause()).append(".\n");
		}
		return md.toString();
	}

	/** Every service whose CPU a phase recorded, in the order first seen. */
	private List<String> serviceColumns() {
		Set<String> names = new LinkedHashSet<>();
		for (LbReport.Scenario scenario : this.scenarios.values()) {
			for (ResultLine line : scenario.lines()) {
				for (String field : line.fields().keySet()) {
					if (field.startsWith("cpu_") && field.endsWith("_cores") && !CPU_TOTALS.contains(field)) {
						names.add(field.substring("cpu_".length(), field.length() - "_cores".length()));
					}
				}
			}
		}
		return List.copyOf(names);
	}

	private static double cores(LbReport.Scenario scenario, String field) {
		return Stats.median(scenario.lines().stream().map((line) -> line.number(field).orElse(Double.NaN)).toList());
	}

	/** wrk's share in the ingest benchmark's lines, the load generator's here. */
	private static double loadCores(LbReport.Scenario scenario) {
		double load = cores(scenario, "cpu_load_cores");
		return Double.isNaN(load) ? cores(scenario, "cpu_wrk_cores") : load;
	}

	String json() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("machine", this.machine);
		document.put("meta", this.meta);
		List<Map<String, Object>> figures = new ArrayList<>();
		for (Figure figure : figures()) {
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("figure", figure.name());
			node.put("value", (figure.text() != null) ? figure.text() : number(figure.value()));
			node.put("unit", figure.unit());
			node.put("ceiling", figure.ceilingName());
			node.put("ceiling_value", number(figure.ceiling()));
			node.put("ratio", number(figure.ratio()));
			node.put("target", figure.target());
			node.put("met", figure.met());
			node.put("note", figure.note().isEmpty() ? null : figure.note());
			figures.add(node);
		}
		document.put("figures", figures);
		List<Map<String, Object>> phases = new ArrayList<>();
		for (LbReport.Scenario scenario : this.scenarios.values()) {
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("phase", scenario.name());
			node.put("runs", scenario.summary().runs());
			if (!scenario.name().equals(ARCHIVE) && !scenario.name().equals(SOAK)) {
				node.put("requests_per_s", number(scenario.summary().requestsPerSecond()));
				node.put("events_per_s", number(scenario.summary().eventsPerSecond()));
				node.put("p50_ms", number(scenario.summary().p50Millis()));
				node.put("p99_ms", number(scenario.summary().p99Millis()));
				node.put("errors", scenario.summary().errors());
				node.put("non2xx", scenario.summary().non2xx());
			}
			Map<String, Object> cpu = new LinkedHashMap<>();
			Set<String> fields = new LinkedHashSet<>();
			scenario.lines().forEach((line) -> fields.addAll(line.fields().keySet()));
			fields.stream()
				.filter((field) -> field.startsWith("cpu_") && field.endsWith("_cores"))
				.forEach((field) -> cpu.put(field.substring("cpu_".length(), field.length() - "_cores".length()),
						number(cores(scenario, field))));
			node.put("cpu_cores", cpu);
			List<Map<String, String>> runs = new ArrayList<>();
			scenario.lines().forEach((line) -> runs.add(line.fields()));
			node.put("per_run", runs);
			phases.add(node);
		}
		document.put("phases", phases);
		archive().ifPresent((archive) -> {
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("group", LagSeries.GROUP);
			node.put("polls", archive.samples());
			node.put("peak_lag", number(archive.peakLag()));
			node.put("lag_at_load_end", number(archive.lagAtLoadEnd()));
			node.put("rows_per_s_during_load", number(archive.rateDuringLoad()));
			node.put("rows_per_s_draining", number(archive.drainRate()));
			node.put("drained", archive.drained());
			node.put("drain_s", number(archive.drainSeconds()));
			node.put("series_ms_lag", archive.series());
			document.put("archive", node);
		});
		if (this.soak.ran()) {
			document.put("soak", this.soak.root());
		}
		else {
			document.put("soak", Map.of("skipped", this.soak.skippedBecause()));
		}
		return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(document)
				+ System.lineSeparator();
	}

	private static Double number(double value) {
		return Double.isNaN(value) ? null : Math.round(value * 1000) / 1000.0;
	}

	static String format(double value, int decimals) {
		return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
	}

	/**
	 * One line of the report's table.
	 *
	 * @param name what it is
	 * @param value the figure, NaN when not measured
	 * @param unit its unit
	 * @param ceilingName what it is judged against, or {@code null}
	 * @param ceiling the ceiling's figure
	 * @param ratio value over ceiling
	 * @param target the target, or {@code null} when it has none
	 * @param met whether the target was met; {@code null} when not measured
	 * @param note why it is a miss or not measured, or empty
	 * @param text the value when it is not one number, or {@code null}
	 */
	record Figure(String name, double value, String unit, String ceilingName, double ceiling, double ratio,
			String target, Boolean met, String note, String text) {

		Figure(String name, double value, String unit, String ceilingName, double ceiling, double ratio, String target,
				Boolean met, String note) {
			this(name, value, unit, ceilingName, ceiling, ratio, target, met, note, null);
		}

		static Figure plain(String name, double value, String unit) {
			return new Figure(name, value, unit, null, Double.NaN, Double.NaN, null, null, "");
		}

		static Figure notRun(String name, String unit, String target) {
			return new Figure(name, Double.NaN, unit, null, Double.NaN, Double.NaN, target, null, "not run");
		}

		Figure withNote(String note) {
			return new Figure(this.name, this.value, this.unit, this.ceilingName, this.ceiling, this.ratio, this.target,
					this.met, note, this.text);
		}

		Figure withText(String text) {
			return new Figure(this.name, this.value, this.unit, this.ceilingName, this.ceiling, this.ratio, this.target,
					this.met, this.note, text);
		}

		String valueText() {
			if (this.text != null) {
				return this.text;
			}
			if (Double.isNaN(this.value)) {
				return "—";
			}
			int decimals = switch (this.unit) {
				case "ms", "s" -> (this.value < 100) ? 1 : 0;
				default -> 0;
			};
			return format(this.value, decimals) + " " + this.unit;
		}

		String ceilingText() {
			if (this.ceilingName == null) {
				return "";
			}
			return Double.isNaN(this.ceiling) ? this.ceilingName + ": —"
					: format(this.ceiling, 0) + " (" + this.ceilingName + ")";
		}

		String ratioText() {
			return Double.isNaN(this.ratio) ? "" : format(this.ratio * 100, 1) + " %";
		}

		/** MET, MISS, N/A (a target, not measured) or nothing (no target). */
		String verdict() {
			if (this.target == null) {
				return "";
			}
			return (this.met == null) ? "N/A" : this.met ? "MET" : "MISS";
		}

	}

}
