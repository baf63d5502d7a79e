package io.beacon.simulator.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report printed when a load run ends. */
public final class FinalReport {

	private FinalReport() {
	}

	/**
	 * The report's lines.
	 * @param run the run
	 * @return the text, ending with a line break
	 */
	public static String format(RunSummary run) {
		Counters.Totals totals = run.totals();
		String mode = (run.batch() > 0) ? "batches of up to " + run.batch() + " events" : "single events";
		List<String[]> rows = new ArrayList<>();
		rows.add(row("sent", totals.sent(), "events"));
		rows.add(row("accepted", totals.accepted(), Format.rate(run.acceptedPerSecond()) + " events/s"));
		rows.add(row("rejected", totals.rejected(), (totals.rejected() > 0) ? "4xx, not sent again" : ""));
		rows.add(row("failed", totals.failed(),
				(totals.failed() > 0) ? "given up: no answer when the run ended, or an unexpected answer ("
						+ Format.count(totals.unexpectedAnswers()) + ")" : ""));
		rows.add(row("retried", totals.retried(),
				"503: " + Format.count(totals.unavailable()) + ", other 5xx: " + Format.count(totals.serverErrors())
						+ ", timeouts: " + Format.count(totals.timeouts()) + ", connection errors: "
						+ Format.count(totals.connectionErrors())));
		rows.add(row("requests", totals.requests(), ""));
		rows.add(row("behind", totals.behind(),
				"sends the pacer could not make: no agent ready " + Format.count(totals.behindNoAgent()) + ", all "
						+ run.connections() + " connections busy " + Format.count(totals.behindConnections())));
		StringBuilder out = new StringBuilder();
		out.append("run ")
			.append(run.runId())
			.append(": ")
			.append(Format.count(run.agents()))
			.append(" agents, target ")
			.append(Format.rate(run.targetRate()))
			.append(" events/s, ")
			.append(mode)
			.append(" to ")
			.append(run.url())
			.append(", ")
			.append(Format.seconds(run.elapsedNanos()))
			.append('\n');
		int width = rows.stream().mapToInt((r) -> r[1].length()).max().orElse(0);
		for (String[] r : rows) {
			out.append(String.format(Locale.ROOT, "  %-9s %" + width + "s", r[0], r[1]));
			if (!r[2].isEmpty()) {
				out.append("  ").append(r[2]);
			}
			out.append('\n');
		}
		out.append(String.format(Locale.ROOT, "  %-9s %s\n", "latency",
				(run.latencyCount() == 0) ? "-"
						: "p50 " + Format.millis(run.p50Micros()) + ", p99 " + Format.millis(run.p99Micros()) + ", max "
								+ Format.millis(run.maxMicros()) + " (per request)"));
		for (String rejection : totals.rejections()) {
			out.append("  e.g. rejected: ").append(rejection).append('\n');
		}
		return out.toString();
	}

	private static String[] row(String name, long value, String note) {
		return new String[] { name, Format.count(value), note };
	}

}
