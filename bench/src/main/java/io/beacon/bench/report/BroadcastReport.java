package io.beacon.bench.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broadcast benchmark's report: one row per phase (warm-up, measured run, each step
 * of the rate search) and the targets, printed and written as Markdown and JSON.
 * {@code broadcast-report --results=<file> --out=<path without extension>
 * [--rate=N --machine=... --java=... --idle-busy=...]}; every option but the first two is
 * kept as it is in the report's header.
 */
public final class BroadcastReport {

	/** The healthy clients' p99 at {@link #TARGET_RATE}. */
	static final double TARGET_P99_MILLIS = 250;

	static final double TARGET_RATE = 10_000;

	/** The p99 limit of the rate search. */
	static final double SEARCH_P99_MILLIS = 1000;

	/**
	 * The heap after a full collection is bounded when no later phase needs more than
	 * this multiple of what it needed after the measured run: the search sends several
	 * times as many events over the same agents.
	 */
	static final double HEAP_GROWTH_LIMIT = 1.25;

	/** The producer held a rate when it sent at least this share of it. */
	static final double HELD_SHARE = 0.97;

	private final List<ResultLine> phases;

	private final Map<String, String> meta;

	BroadcastReport(List<ResultLine> lines, Map<String, String> meta) {
		this.phases = lines;
		this.meta = meta;
	}

	public static void main(String[] args) throws IOException {
		ReportInput input = ReportInput.read(args);
		BroadcastReport report = new BroadcastReport(input.lines(), input.meta());
		System.out.print(report.markdown());
		input.write(report.markdown(), report.json());
	}

	String markdown() {
		StringBuilder md = new StringBuilder("# Broadcast benchmark\n\n");
		this.meta.forEach((name, value) -> md.append("- ").append(name).append(": ").append(value).append('\n'));
		md.append("\nDelays are from `received_at` (set by the producer as it sends) to the arrival of the whole "
				+ "WebSocket message at a healthy client, over every event of the phase at every healthy client. "
				+ "Heap after `jcmd GC.run`, once each phase's events have arrived.\n\n");
		md.append("| phase | rate target | achieved | events | p50 ms | p99 ms | max ms | lost | drain s "
				+ "| slow: frames / conflated / skipped | slow closed | heap MiB after GC | agents "
				+ "| CPU cores: all / broadcaster / broker / load / other | verdict |\n")
			.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
		for (ResultLine phase : this.phases) {
			md.append(String.format(Locale.ROOT,
					"| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s | %s | %s | %s | %s / %s / %s / %s / %s | %s |%n",
					name(phase), figure(phase, "rate_target", "%,.0f"), figure(phase, "rate_achieved", "%,.0f"),
					figure(phase, "events", "%,.0f"), figure(phase, "p50_ms", "%.0f"), figure(phase, "p99_ms", "%.0f"),
					figure(phase, "max_ms", "%.0f"), figure(phase, "lost", "%,.0f"), figure(phase, "drain_s", "%.1f"),
					figure(phase, "slow_frames", "%,.0f"), figure(phase, "slow_conflated_frames", "%,.0f"),
					figure(phase, "slow_skipped", "%,.0f"), figure(phase, "server_closed_slow", "%.0f"),
					figure(phase, "heap_mib", "%.1f"), figure(phase, "agents", "%,.0f"),
					figure(phase, "cpu_machine_cores", "%.2f"), figure(phase, "cpu_broadcaster_cores", "%.2f"),
					figure(phase, "cpu_broker_cores", "%.2f"), figure(phase, "cpu_load_cores", "%.2f"),
					otherCores(phase),
					phase.scenario().equals("warmup") ? "(warm-up)" : phase.fields().getOrDefault("verdict", "—")));
		}
		md.append('\n');
		for (String target : targets()) {
			md.append("- ").append(target).append('\n');
		}
		return md.toString();
	}

	/**
	 * Cores busy with neither the broadcaster, the broker nor the load: other processes,
	 * and kernel work charged to no process (loopback traffic's softirqs). More than a
	 * little means the machine was not the benchmark's alone.
	 */
	private static String otherCores(ResultLine phase) {
		double other = number(phase, "cpu_machine_cores") - number(phase, "cpu_broadcaster_cores")
				- number(phase, "cpu_broker_cores") - number(phase, "cpu_load_cores");
		return Double.isNaN(other) ? "—" : String.format(Locale.ROOT, "%.2f", Math.max(0, other));
	}

	private static String name(ResultLine phase) {
		return phase.scenario().equals("search") ? "search " + phase.run() : phase.scenario();
	}

	List<String> targets() {
		List<String> targets = new ArrayList<>();
		Optional<ResultLine> measured = find("measured");
		measured.ifPresent((line) -> targets.add(latencyTarget(line)));
		targets.add(highestRate());
		measured.ifPresent((line) -> targets.add(heapTarget(line)));
		return targets;
	}

	private String latencyTarget(ResultLine measured) {
		double p99 = number(measured, "p99_ms");
		double target = number(measured, "rate_target");
		double achieved = number(measured, "rate_achieved");
		long lost = (long) number(measured, "lost");
		boolean held = achieved >= HELD_SHARE * target;
		boolean met = p99 < TARGET_P99_MILLIS && lost == 0 && held;
		return verdict(met,
				String.format(Locale.ROOT,
						"healthy clients' p99 %.0f ms at %,.0f events/s (target < %.0f ms at %,.0f events/s), "
								+ "%,d events lost%s%s",
						p99, achieved, TARGET_P99_MILLIS, TARGET_RATE, lost,
						held ? ""
								: String.format(Locale.ROOT, "; the producer reached only %,.0f of %,.0f events/s",
										achieved, target),
						(target == TARGET_RATE) ? "" : "; the target is for 10,000 events/s"));
	}

	/**
	 * The last step of the search that passed, before the first that did not.
	 * @return the finding, as a sentence
	 */
	String highestRate() {
		String highest = null;
		for (ResultLine step : steps()) {
			String verdict = step.fields().getOrDefault("verdict", "");
			if (verdict.equals("pass")) {
				highest = String.format(Locale.ROOT, "%,.0f events/s", number(step, "rate_target"));
				continue;
			}
			String found = (highest != null) ? highest
					: String.format(Locale.ROOT, "below %,.0f events/s (the first step)", number(step, "rate_target"));
			String why = switch (verdict) {
				case "slow" -> String.format(Locale.ROOT, "p99 %.0f ms", number(step, "p99_ms"));
				case "lost" -> String.format(Locale.ROOT, "%,.0f events lost, p99 %.0f ms", number(step, "lost"),
						number(step, "p99_ms"));
				case "producer-behind" -> String.format(Locale.ROOT,
						"the producer reached only %,.0f events/s (p99 %.0f ms there): the machine's limit, not "
								+ "necessarily the broadcaster's",
						number(step, "rate_achieved"), number(step, "p99_ms"));
				default -> verdict;
			};
			return String.format(Locale.ROOT,
					"MEASURED: highest rate with healthy p99 < %.0f ms: %s (at %,.0f events/s: %s)", SEARCH_P99_MILLIS,
					found, number(step, "rate_target"), why);
		}
		if (highest == null) {
			return "MEASURED: highest rate with healthy p99 < 1000 ms: not searched";
		}
		return String.format(Locale.ROOT,
				"MEASURED: highest rate with healthy p99 < %.0f ms: at least %s (every step passed; add higher steps)",
				SEARCH_P99_MILLIS, highest);
	}

	private String heapTarget(ResultLine measured) {
		double after = number(measured, "heap_mib");
		double agents = number(measured, "agents");
		double largest = after;
		String largestAt = "the measured run";
		for (ResultLine step : steps()) {
			if (number(step, "heap_mib") > largest) {
				largest = number(step, "heap_mib");
				largestAt = "search " + step.run();
			}
		}
		List<ResultLine> steps = steps();
		if (steps.isEmpty()) {
			return String.format(Locale.ROOT,
					"MEASURED: heap after GC %.1f MiB after the measured run with %,.0f agents (no search: growth not judged)",
					after, agents);
		}
		ResultLine last = steps.get(steps.size() - 1);
		boolean met = largest <= HEAP_GROWTH_LIMIT * after;
		return verdict(met, String.format(Locale.ROOT,
				"heap after GC %.1f MiB after the measured run with %,.0f agents, %.1f MiB after the search "
						+ "(%,.0f agents), at most %.1f MiB (%s); bounded: no later phase above %.0f %% of the measured run's",
				after, agents, number(last, "heap_mib"), number(last, "agents"), largest, largestAt,
				100 * HEAP_GROWTH_LIMIT));
	}

	private List<ResultLine> steps() {
		return this.phases.stream().filter((line) -> line.scenario().equals("search")).toList();
	}

	private Optional<ResultLine> find(String scenario) {
		return this.phases.stream().filter((line) -> line.scenario().equals(scenario)).findFirst();
	}

	/** Whole numbers as such, other numbers as decimals, {@code -} as null. */
	private static Object jsonValue(ResultLine line, String field, String text) {
		if (text.matches("-?\\d{1,18}")) {
			return Long.parseLong(text);
		}
		Optional<Double> number = line.number(field);
		if (number.isPresent()) {
			return number.get();
		}
		return text.equals("-") ? null : text;
	}

	private static double number(ResultLine line, String field) {
		return line.number(field).orElse(Double.NaN);
	}

	/** A figure for the table, a dash when it was not measured. */
	private static String figure(ResultLine line, String field, String format) {
		double value = number(line, field);
		return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, format, value);
	}

	private static String verdict(boolean met, String text) {
		return (met ? "MET: " : "MISSED: ") + text;
	}

	String json() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("meta", this.meta);
		List<Map<String, Object>> phaseNodes = new ArrayList<>();
		for (ResultLine phase : this.phases) {
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("phase", name(phase));
			for (Map.Entry<String, String> field : phase.fields().entrySet()) {
				if (!field.getKey().equals("run")) {
					node.put(field.getKey(), jsonValue(phase, field.getKey(), field.getValue()));
				}
			}
			phaseNodes.add(node);
		}
		document.put("phases", phaseNodes);
		document.put("targets", targets());
		return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(document)
				+ System.lineSeparator();
	}

}
