package io.beacon.bench.broadcast;

import java.util.HashMap;
import java.util.Map;

/**
 * Figures from the Prometheus text format, as {@code /actuator/prometheus} serves it.
 */
final class PrometheusText {

	private PrometheusText() {
	}

	/**
	 * The sum of a metric's samples whose labels include the given ones, e.g. the heap's
	 * memory pools: {@code sum(text, "jvm_memory_used_bytes", Map.of("area", "heap"))}.
	 * @param text the scrape
	 * @param metric the sample name
	 * @param labels labels a sample must have, with these values
	 * @return the sum, NaN when no sample matched
	 */
	static double sum(String text, String metric, Map<String, String> labels) {
		double sum = 0;
		boolean found = false;
		for (String line : text.split("\n")) {
			if (line.startsWith("#") || !line.startsWith(metric)) {
				continue;
			}
			int end = metric.length();
			if (end == line.length() || (line.charAt(end) != '{' && line.charAt(end) != ' ')) {
				// another metric whose name starts with this one
				continue;
			}
			Map<String, String> sampleLabels = new HashMap<>();
			if (line.charAt(end) == '{') {
				end = readLabels(line, end + 1, sampleLabels);
				if (end < 0) {
					continue;
				}
			}
			if (!sampleLabels.entrySet().containsAll(labels.entrySet())) {
				continue;
			}
			String[] rest = line.substring(end).strip().split("\\s+");
			try {
				sum += Double.parseDouble(rest[0]);
				found = true;
			}
			catch (NumberFormatException ex) {
				// not a sample line after all
			}
		}
		return found ? sum : Double.NaN;
	}

	/**
	 * Reads {@code name="value",…}} from {@code at}; returns the index after '}', or -1.
	 */
	private static int readLabels(String line, int at, Map<String, String> labels) {
		int i = at;
		while (i < line.length()) {
			char c = line.charAt(i);
			if (c == '}') {
				return i + 1;
			}
			if (c == ',' || c == ' ') {
				i++;
				continue;
			}
			int equals = line.indexOf('=', i);
			if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
				return -1;
			}
			StringBuilder value = new StringBuilder();
			int j = equals + 2;
			while (j < line.length() && line.charAt(j) != '"') {
				if (line.charAt(j) == '\\' && j + 1 < line.length()) {
					j++;
					char escaped = line.charAt(j);
					value.append((escaped == 'n') ? '\n' : escaped);
				}
				else {
					value.append(line.charAt(j));
				}
				j++;
			}
			labels.put(line.substring(i, equals).strip(), value.toString());
			i = j + 1;
		}
		return -1;
	}

}
