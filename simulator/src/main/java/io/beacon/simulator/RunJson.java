package io.beacon.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.beacon.simulator.cli.Options;
import io.beacon.simulator.report.Counters;
import io.beacon.simulator.report.LagFigures;
import io.beacon.simulator.report.RunSummary;
import io.beacon.simulator.report.WsFigures;
import io.beacon.simulator.verify.Verdict;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole run as one JSON object ({@code --report-json}), for a benchmark script to
 * build its report from: the options, the totals and request latencies, the WebSocket
 * delays with their per-second series, the archive lag with its series, the audit's
 * verdict and the exit status. Times are seconds from the start of sending, latencies and
 * delays milliseconds; a figure that could not be measured is {@code null}.
 */
final class RunJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private RunJson() {
	}

	/**
	 * The run as JSON.
	 * @param options the options
	 * @param runId the run's id
	 * @param summary the load run
	 * @param ws the WebSocket probe's figures, or {@code null} without {@code --ws-url}
	 * @param lag the lag figures, or {@code null} without {@code --lag-url}
	 * @param verdict the audit, or {@code null} without {@code --verify}
	 * @param problems what made the exit status 1, SLOs included
	 * @param exitCode the exit status
	 * @return the object
	 */
	static ObjectNode of(Options options, String runId, RunSummary summary, WsFigures ws, LagFigures lag,
			Verdict verdict, List<String> problems, int exitCode) {
		ObjectNode root = MAPPER.createObjectNode();
		root.put("run_id", runId);
		root.set("options", options(options));
		root.set("totals", totals(summary));
		root.set("ws", (ws != null) ? ws(ws) : null);
		root.set("lag", (lag != null) ? lag(lag) : null);
		root.set("verify", (verdict != null) ? verdict(verdict) : null);
		if (options.slo()) {
			ObjectNode slo = root.putObject("slo");
			String wsFailure = (ws != null) ? ws.sloFailure() : null;
			String lagFailure = (lag != null) ? lag.sloFailure() : null;
			slo.put("ws_p99_ok", (ws != null) ? wsFailure == null : null);
			slo.put("lag_recovery_ok", (lag != null && options.burst() != null) ? lagFailure == null : null);
			ArrayNode failures = slo.putArray("failures");
			if (wsFailure != null) {
				failures.add(wsFailure);
			}
			if (lagFailure != null) {
				failures.add(lagFailure);
			}
		}
		ArrayNode list = root.putArray("problems");
		problems.forEach(list::add);
		root.put("exit_code", exitCode);
		return root;
	}

	/**
	 * Write it.
	 * @param json the object
	 * @param file where
	 * @throws IOException when it cannot be written
	 */
	static void write(JsonNode json, Path file) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(temporary, MAPPER.writeValueAsString(json) + "\n");
		Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	private static ObjectNode options(Options options) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("agents", options.agents());
		node.put("rate", options.rate());
		node.put("duration_s", seconds(options.duration()));
		node.put("url", options.url().toString());
		node.put("batch", options.batch());
		node.put("connections", options.connections());
		node.put("request_timeout_s", seconds(options.requestTimeout()));
		if (options.burst() != null) {
			ObjectNode burst = node.putObject("burst");
			burst.put("rate", options.burst().rate());
			burst.put("at_s", seconds(options.burst().at()));
			burst.put("for_s", seconds(options.burst().length()));
		}
		else {
			node.putNull("burst");
		}
		node.put("ws_url", (options.wsUrl() != null) ? options.wsUrl().toString() : null);
		node.put("lag_url", (options.lagUrl() != null) ? options.lagUrl().toString() : null);
		node.put("lag_normal", (options.lagUrl() != null) ? options.lagNormal() : null);
		node.put("verify", options.verify());
		node.put("archiver_url", options.verify() ? options.archiverUrl().toString() : null);
		node.put("verify_timeout_s", options.verify() ? seconds(options.verifyTimeout()) : null);
		node.put("slo", options.slo());
		return node;
	}

	private static ObjectNode totals(RunSummary summary) {
		Counters.Totals totals = summary.totals();
		ObjectNode node = MAPPER.createObjectNode();
		node.put("elapsed_s", round(summary.elapsedNanos() / 1e9));
		node.put("sent", totals.sent());
		node.put("accepted", totals.accepted());
		node.put("accepted_per_s", round(summary.acceptedPerSecond()));
		node.put("rejected", totals.rejected());
		node.put("failed", totals.failed());
		node.put("retried", totals.retried());
		node.put("requests", totals.requests());
		node.put("unavailable_503", totals.unavailable());
		node.put("server_errors", totals.serverErrors());
		node.put("timeouts", totals.timeouts());
		node.put("connection_errors", totals.connectionErrors());
		node.put("unexpected_answers", totals.unexpectedAnswers());
		node.put("behind_no_agent", totals.behindNoAgent());
		node.put("behind_connections", totals.behindConnections());
		ObjectNode latency = node.putObject("request_latency_ms");
		latency.put("count", summary.latencyCount());
		latency.put("p50", millis(summary.p50Micros()));
		latency.put("p99", millis(summary.p99Micros()));
		latency.put("max", millis(summary.maxMicros()));
		return node;
	}

	private static ObjectNode ws(WsFigures ws) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("url", ws.url());
		node.put("connected", ws.connected());
		node.put("frames", ws.frames());
		node.put("events_frames", ws.eventFrames());
		node.put("events_seen", ws.eventsSeen());
		node.put("run_events", ws.ownEvents());
		boolean any = ws.ownEvents() > 0;
		ObjectNode delay = node.putObject("delay_ms");
		delay.put("p50", any ? millis(ws.p50Micros()) : null);
		delay.put("p99", any ? millis(ws.p99Micros()) : null);
		delay.put("max", any ? millis(ws.maxMicros()) : null);
		WsFigures.Window worst = ws.worst();
		if (worst != null) {
			ObjectNode w = node.putObject("worst_second");
			w.put("t", worst.second());
			w.put("p99_ms", millis(worst.p99Micros()));
			w.put("count", worst.count());
		}
		else {
			node.putNull("worst_second");
		}
		if (ws.hasBurst()) {
			ObjectNode burst = node.putObject("burst");
			burst.put("from_s", ws.burstFromSeconds());
			burst.put("to_s", ws.burstToSeconds());
			burst.put("count", ws.burstEvents());
			burst.put("p99_ms", (ws.burstEvents() > 0) ? millis(ws.burstP99Micros()) : null);
		}
		else {
			node.putNull("burst");
		}
		node.put("conflated_frames", ws.conflatedFrames());
		node.put("skipped_events", ws.skippedEvents());
		node.put("malformed_frames", ws.malformedFrames());
		node.put("events_without_received_at", ws.noReceivedAt());
		node.put("disconnects", ws.disconnects());
		node.put("last_close", ws.lastClose());
		ArrayNode series = node.putArray("per_second");
		for (WsFigures.Window window : ws.windows()) {
			ObjectNode w = series.addObject();
			w.put("t", window.second());
			w.put("count", window.count());
			w.put("p50_ms", millis(window.p50Micros()));
			w.put("p99_ms", millis(window.p99Micros()));
			w.put("max_ms", millis(window.maxMicros()));
		}
		return node;
	}

	private static ObjectNode lag(LagFigures lag) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("url", lag.url());
		node.put("normal", lag.normal());
		node.put("polls", lag.polls());
		node.put("failures", lag.failures());
		node.put("starting", lag.starting());
		node.put("sample_interval_s", number(lag.sampleIntervalSeconds()));
		LagFigures.Sample max = lag.max();
		node.put("max", (max != null) ? max.lag() : null);
		node.put("max_at_s", (max != null) ? round(max.t()) : null);
		node.put("burst_end_s", number(lag.burstEndSeconds()));
		LagFigures.Sample atEnd = lag.atBurstEnd();
		node.put("at_burst_end", (atEnd != null) ? atEnd.lag() : null);
		node.put("at_burst_end_measured_s", (atEnd != null) ? round(atEnd.t()) : null);
		node.put("normal_after_burst_s", number(lag.recoverySeconds()));
		node.put("last_send_s", number(lag.stopSeconds()));
		node.put("drain_s", number(lag.drainSeconds()));
		ArrayNode series = node.putArray("series");
		for (LagFigures.Sample sample : lag.series()) {
			ObjectNode s = series.addObject();
			s.put("t", round(sample.t()));
			s.put("lag", sample.lag());
		}
		return node;
	}

	private static ObjectNode verdict(Verdict verdict) {
		ObjectNode node = MAPPER.createObjectNode();
		node.put("clean", verdict.clean());
		node.put("expected", verdict.expected());
		node.put("found", verdict.found());
		node.put("rows", verdict.rows());
		node.put("lost", verdict.lost());
		node.put("duplicated", verdict.duplicated());
		node.put("out_of_order", verdict.outOfOrder());
		node.put("unexpected", verdict.unexpected());
		node.put("unconfirmed_archived", verdict.unconfirmedArchived());
		node.put("error", verdict.error());
		return node;
	}

	private static Double seconds(Duration duration) {
		return (duration != null) ? duration.toMillis() / 1000.0 : null;
	}

	private static double millis(long micros) {
		return round(micros / 1000.0);
	}

	private static Double number(double value) {
		return Double.isNaN(value) ? null : round(value);
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

}
