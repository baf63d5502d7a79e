package io.beacon.bench.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The archive benchmark's report: medians per database of the archiver's drain and of the
 * raw ceiling, their ratio and the targets, printed and written as Markdown and
 * JSON. {@code archive-report --results=<file> --out=<path without extension>
 * [--events=N --agents=N --runs=N --machine=... --java=... --idle-busy=...]}.
 */
public final class ArchiveReport {

	/**
	 * Archiving must reach this share of the bare insert ceiling of the same database.
	 */
	static final double TARGET_RATIO = 0.80;

	/** SQLite, sustained. */
	static final double TARGET_SQLITE_ROWS_PER_S = 35_000;

	/** The 1,000,000-event backlog drained into SQLite, archiver start-up included. */
	static final double TARGET_SQLITE_DRAIN_S = 40;

	private final Map<String, String> meta;

	private final List<Database> databases = new ArrayList<>();

	ArchiveReport(List<ResultLine> lines, Map<String, String> meta) {
		this.meta = meta;
		for (String name : List.of("sqlite", "postgresql")) {
			List<ResultLine> ceiling = lines.stream()
				.filter((line) -> line.scenario().equals(name + "-ceiling"))
				.toList();
			List<ResultLine> stateCeiling = lines.stream()
				.filter((line) -> line.scenario().equals(name + "-ceiling-state"))
				.toList();
			List<ResultLine> archiver = lines.stream()
				.filter((line) -> line.scenario().equals(name + "-archiver"))
				.toList();
			if (!ceiling.isEmpty() || !archiver.isEmpty()) {
				this.databases.add(new Database(name, median(ceiling, "rows_per_s"), median(stateCeiling, "rows_per_s"),
						median(archiver, "rows_per_s"), median(archiver, "drain_s"), median(archiver, "startup_s"),
						archiver.size()));
			}
		}
	}

	public static void main(String[] args) throws IOException {
		ReportInput input = ReportInput.read(args);
		ArchiveReport report = new ArchiveReport(input.lines(), input.meta());
		System.out.print(report.markdown());
		input.write(report.markdown(), report.json());
	}

	private static double median(List<ResultLine> lines, String field) {
		return Stats.median(lines.stream().map((line) -> line.number(field).orElse(Double.NaN)).toList());
	}

	String markdown() {
		StringBuilder md = new StringBuilder("# Archive benchmark\n\n");
		this.meta.forEach((name, value) -> md.append("- ").append(name).append(": ").append(value).append('\n'));
		md.append("\n| database | ceiling rows/s | ceiling + agent_state rows/s | archiver rows/s | ratio "
				+ "| ratio to ceiling + agent_state | drain s (from start) | start-up s | runs |\n")
			.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Database db : this.databases) {
			md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %d |%n", db.name,
					figure("%,.0f", db.ceiling), figure("%,.0f", db.stateCeiling), figure("%,.0f", db.archiver),
					figure("%.1f %%", 100 * db.ratio()),
					figure("%.1f %%", 100 * Stats.ratio(db.archiver, db.stateCeiling)), figure("%.1f", db.drain),
					figure("%.1f", db.startup), db.runs));
		}
		md.append('\n');
		for (String target : targets()) {
			md.append("- ").append(target).append('\n');
		}
		return md.toString();
	}

	List<String> targets() {
		List<String> targets = new ArrayList<>();
		for (Database db : this.databases) {
			targets.add(verdict(db.ratio() >= TARGET_RATIO,
					String.format(Locale.ROOT, "%s: archiving at %.1f %% of the raw ceiling (target >= %.0f %%)",
							db.name, 100 * db.ratio(), 100 * TARGET_RATIO)));
			if (db.name.equals("sqlite")) {
				targets.add(verdict(db.archiver >= TARGET_SQLITE_ROWS_PER_S, String.format(Locale.ROOT,
						"sqlite: %,.0f rows/s sustained (target >= %,.0f)", db.archiver, TARGET_SQLITE_ROWS_PER_S)));
				targets.add(verdict(db.drain < TARGET_SQLITE_DRAIN_S, String.format(Locale.ROOT,
						"sqlite: backlog drained in %.1f s from the archiver's start (target < %.0f s%s)", db.drain,
						TARGET_SQLITE_DRAIN_S,
						"1000000".equals(this.meta.get("events")) ? "" : "; the target is for 1,000,000 events")));
			}
		}
		return targets;
	}

	/** A figure for the table, a dash when it was not measured. */
	private static String figure(String format, double value) {
		return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, format, value);
	}

	private static String verdict(boolean met, String text) {
		return (met ? "MET: " : "MISSED: ") + text;
	}

	String json() {
		StringBuilder json = new StringBuilder("{\n  \"meta\": {");
		List<String> entries = new ArrayList<>();
		this.meta.forEach((name, value) -> entries.add("\"" + escape(name) + "\": \"" + escape(value) + "\""));
		json.append(String.join(", ", entries)).append("},\n  \"databases\": [\n");
		for (int i = 0; i < this.databases.size(); i++) {
			Database db = this.databases.get(i);
			json.append(String.format(Locale.ROOT,
					"    {\"name\": \"%s\", \"ceiling_rows_per_s\": %s, \"ceiling_with_state_rows_per_s\": %s, \"archiver_rows_per_s\": %s, \"ratio\": %s, "
							+ "\"drain_s\": %s, \"startup_s\": %s, \"runs\": %d}%s%n",
					db.name, number(db.ceiling), number(db.stateCeiling), number(db.archiver), number(db.ratio()),
					number(db.drain), number(db.startup), db.runs, (i < this.databases.size() - 1) ? "," : ""));
		}
		json.append("  ],\n  \"targets\": [");
		List<String> targets = targets().stream().map((target) -> "\"" + escape(target) + "\"").toList();
		return json.append(String.join(", ", targets)).append("]\n}\n").toString();
	}

	private static String number(double value) {
		return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.3f", value);
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	private record Database(String name, double ceiling, double stateCeiling, double archiver, double drain,
			double startup, int runs) {

		double ratio() {
			return Stats.ratio(this.archiver, this.ceiling);
		}

	}

}
