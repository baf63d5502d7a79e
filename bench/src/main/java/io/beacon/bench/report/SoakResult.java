package io.beacon.bench.report;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * What the simulator's {@code --report-json} file says about the soak
 * ({@code simulator/.../RunJson.java}): {@code options} (with {@code burst}),
 * {@code totals}, {@code ws} (the ingest-to-WebSocket delay), {@code lag} (the archive
 * lag around the burst), {@code verify} (the audit), {@code problems} and
 * {@code exit_code}. Read leniently: a figure the file does not have, or has as
 * {@code null}, is NaN (shown as a dash, judged N/A).
 */
final class SoakResult {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

	private final JsonNode root;

	private final String skipped;

	private SoakResult(JsonNode root, String skipped) {
		this.root = root;
		this.skipped = skipped;
	}

	/**
	 * The soak's report.
	 * @param json the simulator's {@code --report-json} file's content
	 * @return the result
	 * @throws tools.jackson.core.JacksonException when it is not JSON
	 */
	static SoakResult parse(String json) {
		return new SoakResult(JSON.readTree(json), null);
	}

	/**
	 * A soak that did not run.
	 * @param reason why
	 * @return the result
	 */
	static SoakResult skipped(String reason) {
		return new SoakResult(MissingNode.getInstance(), reason);
	}

	/** Why the soak did not run, or {@code null} when it did. */
	String skippedBecause() {
		return this.skipped;
	}

	boolean ran() {
		return this.skipped == null;
	}

	JsonNode root() {
		return this.root;
	}

	/**
	 * A number of the file.
	 * @param path the field's path, e.g. {@code "ws", "delay_ms", "p99"}
	 * @return its value, NaN when absent or not a number
	 */
	double number(String... path) {
		JsonNode node = node(path);
		return node.isNumber() ? node.doubleValue() : Double.NaN;
	}

	/**
	 * A duration of the file in seconds: a number of seconds, or text such as
	 * {@code 30s}, {@code 2m30s}, {@code 500ms}.
	 * @param path the field's path
	 * @return seconds, NaN when absent or unreadable
	 */
	double seconds(String... path) {
		JsonNode node = node(path);
		if (node.isNumber()) {
			return node.doubleValue();
		}
		return node.isString() ? seconds(node.asString()) : Double.NaN;
	}

	static double seconds(String text) {
		String trimmed = text.strip().toLowerCase(Locale.ROOT);
		if (trimmed.isEmpty()) {
			return Double.NaN;
		}
		Matcher matcher = DURATION_PART.matcher(trimmed);
		double total = 0;
		int end = 0;
		while (matcher.find() && matcher.start() == end) {
			double value = Double.parseDouble(matcher.group(1));
			total += switch (matcher.group(2)) {
				case "ms" -> value / 1000;
				case "h" -> value * 3600;
				case "m" -> value * 60;
				default -> value;
			};
			end = matcher.end();
		}
		if (end == trimmed.length()) {
			return total;
		}
		try {
			return Double.parseDouble(trimmed);
		}
		catch (NumberFormatException ex) {
			return Double.NaN;
		}
	}

	/**
	 * A true/false of the file.
	 * @param path the field's path
	 * @return its value, {@code null} when absent or not a boolean
	 */
	Boolean bool(String... path) {
		JsonNode node = node(path);
		return node.isBoolean() ? node.booleanValue() : null;
	}

	private JsonNode node(String... path) {
		JsonNode node = this.root;
		for (String name : path) {
			node = node.path(name);
		}
		return node;
	}

	/**
	 * The events the options asked for: {@code rate} for the whole run but the burst,
	 * {@code burst.rate} during it.
	 * @return events, NaN when the options do not tell
	 */
	double offeredEvents() {
		double rate = number("options", "rate");
		double duration = seconds("options", "duration_s");
		if (Double.isNaN(rate) || Double.isNaN(duration)) {
			return Double.NaN;
		}
		double burstRate = number("options", "burst", "rate");
		double burstFor = seconds("options", "burst", "for_s");
		if (Double.isNaN(burstRate) || Double.isNaN(burstFor)) {
			return rate * duration;
		}
		return rate * (duration - burstFor) + burstRate * burstFor;
	}

	/**
	 * Accepted events over the events offered: whether the machine held the load.
	 * @return the share, NaN when not known
	 */
	double heldShare() {
		return Stats.ratio(number("totals", "accepted"), offeredEvents());
	}

}
