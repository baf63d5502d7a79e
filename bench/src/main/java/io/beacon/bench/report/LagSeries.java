package io.beacon.bench.report;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The archiver's consumer lag over a run, from the watchtower's {@code GET /status}
 * sampled every second by {@code bench/stack-bench.sh}: one line per sample,
 * {@code <epoch ms> <the body on one line>}. A sample counts when its body has
 * {@code consumer_lag.<group>}; it is dated by the watchtower's {@code checked_at} (the
 * poll it shows), and samples showing the same poll count once. Answers while the
 * watchtower starts (503), timeouts and empty lines are skipped.
 */
final class LagSeries {

	/** The archiver's consumer group, as the watchtower names it. */
	static final String GROUP = "beacon-archiver";

	/**
	 * The drain rate is measured until the lag is down to this share of the lag at the
	 * end of the load (the last records come in partial batches, flushed on a timer).
	 */
	static final double DRAIN_RATE_UNTIL = 0.10;

	/** Below this lag at the end of the load there is no backlog to measure a rate on. */
	static final long MIN_BACKLOG = 10_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Sample> samples;

	LagSeries(List<Sample> samples) {
		List<Sample> sorted = new ArrayList<>(samples);
		sorted.sort((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
		this.samples = Collections.unmodifiableList(sorted);
	}

	/**
	 * Reads the sampler's lines.
	 * @param lines {@code <epoch ms> <JSON>} each
	 * @return the samples that showed the group's lag, each poll once
	 */
	static LagSeries parse(List<String> lines) {
		List<Sample> samples = new ArrayList<>();
		long lastPoll = Long.MIN_VALUE;
		for (String line : lines) {
			Sample sample = parseLine(line);
			if (sample != null && sample.atMillis() != lastPoll) {
				samples.add(sample);
				lastPoll = sample.atMillis();
			}
		}
		return new LagSeries(samples);
	}

	private static Sample parseLine(String line) {
		String trimmed = line.strip();
		int space = trimmed.indexOf(' ');
		if (space <= 0) {
			return null;
		}
		long sampledAt;
		JsonNode body;
		try {
			sampledAt = Long.parseLong(trimmed.substring(0, space));
			body = JSON.readTree(trimmed.substring(space + 1));
		}
		catch (NumberFormatException | JacksonException ex) {
			return null;
		}
		JsonNode lag = body.path("consumer_lag").path(GROUP);
		if (!lag.isNumber()) {
			return null;
		}
		long at = sampledAt;
		JsonNode checkedAt = body.path("checked_at");
		if (checkedAt.isString()) {
			try {
				at = Instant.parse(checkedAt.asString()).toEpochMilli();
			}
			catch (DateTimeParseException ex) {
				// keep the sampling time
			}
		}
		long committed = -1;
		JsonNode endOffsets = body.path("kafka").path("end_offsets");
		if (endOffsets.isObject() && !endOffsets.isEmpty()) {
			long end = 0;
			for (Map.Entry<String, JsonNode> partition : endOffsets.properties()) {
				end += partition.getValue().isNumber() ? partition.getValue().longValue() : 0;
			}
			committed = end - lag.longValue();
		}
		JsonNode archived = body.path("archived_per_second");
		return new Sample(at, lag.longValue(), committed, archived.isNumber() ? archived.doubleValue() : Double.NaN);
	}

	List<Sample> samples() {
		return this.samples;
	}

	boolean isEmpty() {
		return this.samples.isEmpty();
	}

	/**
	 * What the lag says about a load that ran from {@code loadStart} to {@code loadEnd}.
	 * @param loadStart when the load started, epoch ms
	 * @param loadEnd when it stopped, epoch ms
	 * @return the figures, NaN where the samples do not tell
	 */
	Archive archive(long loadStart, long loadEnd) {
		List<Sample> during = between(loadStart, loadEnd);
		List<Sample> after = between(loadEnd, Long.MAX_VALUE);
		Sample drained = after.stream().filter((sample) -> sample.lag() == 0).findFirst().orElse(null);
		long until = (drained != null) ? drained.atMillis() : Long.MAX_VALUE;
		double peak = this.samples.stream()
			.filter((sample) -> sample.atMillis() >= loadStart && sample.atMillis() <= until)
			.mapToDouble(Sample::lag)
			.max()
			.orElse(Double.NaN);
		double atLoadEnd = after.isEmpty() ? Double.NaN : after.get(0).lag();
		double drainSeconds = (drained != null) ? (drained.atMillis() - loadEnd) / 1000.0 : Double.NaN;
		double rateDuringLoad = (during.size() >= 2) ? rate(during.get(0), during.get(during.size() - 1)) : Double.NaN;
		double drainRate = Double.NaN;
		if (!after.isEmpty() && after.get(0).lag() >= MIN_BACKLOG) {
			Sample first = after.get(0);
			Sample last = after.stream()
				.filter((sample) -> sample.lag() <= DRAIN_RATE_UNTIL * first.lag())
				.findFirst()
				.orElse(after.get(after.size() - 1));
			if (last.atMillis() - first.atMillis() >= 2000) {
				drainRate = rate(first, last);
			}
		}
		List<long[]> series = new ArrayList<>();
		for (Sample sample : this.samples) {
			if (sample.atMillis() >= loadStart && sample.atMillis() <= until) {
				series.add(new long[] { sample.atMillis() - loadStart, sample.lag() });
			}
		}
		return new Archive(peak, atLoadEnd, drainSeconds, rateDuringLoad, drainRate, during.size() + after.size(),
				drained != null, series);
	}

	/**
	 * The lag at a moment: the last sample at or before it.
	 * @param at epoch ms
	 * @return the lag, NaN when nothing was sampled before
	 */
	double lagAt(long at) {
		double lag = Double.NaN;
		for (Sample sample : this.samples) {
			if (sample.atMillis() > at) {
				break;
			}
			lag = sample.lag();
		}
		return lag;
	}

	private List<Sample> between(long from, long to) {
		return this.samples.stream().filter((sample) -> sample.atMillis() >= from && sample.atMillis() <= to).toList();
	}

	/** Rows archived per second between two samples; NaN without the end offsets. */
	private static double rate(Sample first, Sample last) {
		if (first.committed() < 0 || last.committed() < 0 || last.atMillis() <= first.atMillis()) {
			return Double.NaN;
		}
		return (last.committed() - first.committed()) / ((last.atMillis() - first.atMillis()) / 1000.0);
	}

	/**
	 * One poll of the watchtower.
	 *
	 * @param atMillis when it was polled (its {@code checked_at}), epoch ms
	 * @param lag the group's lag over all partitions
	 * @param committed records the group has committed over all partitions (the end
	 * offsets minus the lag), -1 when unknown
	 * @param archivedPerSecond the watchtower's own rate since its previous poll
	 */
	record Sample(long atMillis, long lag, long committed, double archivedPerSecond) {

	}

	/**
	 * The archive under a load.
	 *
	 * @param peakLag the highest lag from the load's start until it was drained
	 * @param lagAtLoadEnd the first lag seen after the load stopped
	 * @param drainSeconds from the end of the load to the first poll with lag 0
	 * @param rateDuringLoad rows archived per second while the load ran
	 * @param drainRate rows archived per second from the end of the load until the lag
	 * was down to {@link #DRAIN_RATE_UNTIL} of what it was; NaN without a backlog
	 * @param samples polls during and after the load
	 * @param drained whether the lag came back to 0
	 * @param series {@code [ms since the load started, lag]} until it was drained
	 */
	record Archive(double peakLag, double lagAtLoadEnd, double drainSeconds, double rateDuringLoad, double drainRate,
			int samples, boolean drained, List<long[]> series) {

	}

}
