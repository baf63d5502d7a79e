package io.beacon.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One measured run as printed by the wrk scripts' {@code done()} and by the producer
 * ceiling: {@code BENCH scenario=gateway-single run=1 rps=8123.4 p99_ms=7.1 ...}.
 *
 * @param scenario which scenario
 * @param run which run of it, from 1
 * @param fields every {@code name=value} pair of the line, in the line's order
 */
record ResultLine(String scenario, int run, Map<String, String> fields) {

	static final String PREFIX = "BENCH";

	/**
	 * Reads a line.
	 * @param line a line of output
	 * @return the result, or empty when the line is not a {@code BENCH} line with a
	 * scenario and a run
	 */
	static Optional<ResultLine> parse(String line) {
		String trimmed = line.strip();
		if (!trimmed.startsWith(PREFIX + " ")) {
			return Optional.empty();
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (String token : trimmed.substring(PREFIX.length()).strip().split("\\s+")) {
			int equals = token.indexOf('=');
			if (equals > 0) {
				fields.put(token.substring(0, equals), token.substring(equals + 1));
			}
		}
		String scenario = fields.get("scenario");
		String run = fields.get("run");
		if (scenario == null || scenario.isEmpty() || run == null || !run.matches("\\d+")) {
			return Optional.empty();
		}
		return Optional.of(new ResultLine(scenario, Integer.parseInt(run), Collections.unmodifiableMap(fields)));
	}

	/**
	 * A numeric field.
	 * @param name the field
	 * @return its value, or empty when absent or not a number
	 */
	Optional<Double> number(String name) {
		String value = this.fields.get(name);
		if (value == null) {
			return Optional.empty();
		}
		try {
			double number = Double.parseDouble(value);
			return Double.isFinite(number) ? Optional.of(number) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

}
