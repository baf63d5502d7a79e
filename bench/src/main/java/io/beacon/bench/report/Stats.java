package io.beacon.bench.report;

import java.util.List;

/**
 * The little statistics a benchmark report needs.
 */
final class Stats {

	private Stats() {
	}

	/**
	 * The median, ignoring values that are not numbers.
	 * @param values the values
	 * @return the middle value, or the mean of the two middle ones; NaN when there are
	 * none
	 */
	static double median(List<Double> values) {
		double[] sorted = values.stream()
			.filter((value) -> value != null && !value.isNaN())
			.mapToDouble(Double::doubleValue)
			.sorted()
			.toArray();
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/**
	 * A ratio, NaN when either side is missing or the denominator is not positive.
	 * @param numerator the measured figure
	 * @param denominator the ceiling
	 * @return their ratio
	 */
	static double ratio(double numerator, double denominator) {
		if (Double.isNaN(numerator) || Double.isNaN(denominator) || denominator <= 0) {
			return Double.NaN;
		}
		return numerator / denominator;
	}

}
