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

	/**
	 * The WebSocket probe's section.
	 * @param ws what it saw
	 * @return the text, ending with a line break
	 */
	public static String websocket(WsFigures ws) {
		StringBuilder out = new StringBuilder("websocket ").append(ws.url()).append('\n');
		if (!ws.connected()) {
			return out.append("  not connected: no delays measured\n").toString();
		}
		line(out, "events", Format.count(ws.ownEvents()) + " of this run (of " + Format.count(ws.eventsSeen()) + " in "
				+ Format.count(ws.eventFrames()) + " events frames)");
		line(out, "delay",
				(ws.ownEvents() == 0) ? "-"
						: "p50 " + Format.millis(ws.p50Micros()) + ", p99 " + Format.millis(ws.p99Micros()) + ", max "
								+ Format.millis(ws.maxMicros()) + " (frame read here - received_at at the gateway)");
		WsFigures.Window worst = ws.worst();
		line(out, "worst",
				(worst == null) ? "-"
						: "p99 " + Format.millis(worst.p99Micros()) + " in second " + worst.second() + " ("
								+ Format.count(worst.count()) + " events; " + ws.windows().size()
								+ " seconds with events)");
		if (ws.hasBurst()) {
			line(out, "burst",
					String.format(Locale.ROOT, "%.0f-%.0f s: ", ws.burstFromSeconds(), ws.burstToSeconds())
							+ ((ws.burstEvents() == 0) ? "no event of the run arrived"
									: "p99 " + Format.millis(ws.burstP99Micros()) + " over "
											+ Format.count(ws.burstEvents()) + " events"));
		}
		line(out, "slow",
				"conflated frames " + Format.count(ws.conflatedFrames()) + ", skipped events "
						+ Format.count(ws.skippedEvents()) + ", disconnects " + Format.count(ws.disconnects())
						+ ((ws.lastClose() != null) ? " (last close: " + ws.lastClose() + ")" : ""));
		if (ws.malformedFrames() > 0 || ws.noReceivedAt() > 0) {
			line(out, "unread", Format.count(ws.malformedFrames()) + " frames not the protocol's JSON, "
					+ Format.count(ws.noReceivedAt()) + " events without a readable received_at");
		}
		return out.toString();
	}

	/**
	 * The archive lag's section.
	 * @param lag what the watchtower said
	 * @return the text, ending with a line break
	 */
	public static String lag(LagFigures lag) {
		StringBuilder out = new StringBuilder("archive lag ").append(lag.url())
			.append(" (normal: at most ")
			.append(Format.count(lag.normal()))
			.append(" records)\n");
		LagFigures.Sample max = lag.max();
		line(out, "max",
				(max == null) ? "- (no measurement)" : Format.count(max.lag()) + " records at " + seconds(max.t()));
		if (!Double.isNaN(lag.burstEndSeconds())) {
			LagFigures.Sample atEnd = lag.atBurstEnd();
			line(out, "burst end",
					((atEnd == null) ? "-" : Format.count(atEnd.lag()) + " records at " + seconds(atEnd.t()))
							+ " (the burst ended at " + seconds(lag.burstEndSeconds()) + ")");
			double recovery = lag.recoverySeconds();
			line(out, "normal", Double.isNaN(recovery) ? "not again after the burst"
					: seconds(recovery) + " after the burst ended");
		}
		double drain = lag.drainSeconds();
		line(out, "drained",
				Double.isNaN(drain) ? "not to 0 after the last send" : seconds(drain) + " after the last send");
		double interval = lag.sampleIntervalSeconds();
		line(out, "polls", Format.count(lag.polls()) + ", failed " + Format.count(lag.failures()) + ", starting "
				+ Format.count(lag.starting()) + "; " + Format.count(lag.series().size()) + " measurements"
				+ (Double.isNaN(interval) ? "" : ", one every " + seconds(interval)
						+ ((interval > 1.5) ? " (the watchtower's poll-interval: times are that coarse)" : "")));
		return out.toString();
	}

	private static void line(StringBuilder out, String name, String text) {
		out.append(String.format(Locale.ROOT, "  %-9s %s\n", name, text));
	}

	private static String seconds(double seconds) {
		return String.format(Locale.ROOT, "%.1f s", seconds);
	}

}
