package io.beacon.simulator.report;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class LatencyHistogramTest {

	@Test
	void isEmptyAtFirst() {
		LatencyHistogram histogram = new LatencyHistogram();
		assertThat(histogram.count()).isZero();
		assertThat(histogram.percentile(50)).isZero();
		assertThat(histogram.max()).isZero();
	}

	@Test
	void givesPercentilesOfAUniformSpreadWithinTheBucketPrecision() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (long micros = 1; micros <= 100_000; micros++) {
			histogram.record(micros);
		}
		assertThat(histogram.count()).isEqualTo(100_000);
		assertThat((double) histogram.percentile(50)).isCloseTo(50_000, withinPercentage(1.6));
		assertThat((double) histogram.percentile(99)).isCloseTo(99_000, withinPercentage(1.6));
		assertThat(histogram.percentile(50)).isGreaterThanOrEqualTo(50_000);
		assertThat(histogram.percentile(100)).isEqualTo(100_000);
		assertThat(histogram.max()).isEqualTo(100_000);
	}

	@Test
	void findsTheTailOfASkewedSpread() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int i = 0; i < 990; i++) {
			histogram.record(2_000);
		}
		for (int i = 0; i < 10; i++) {
			histogram.record(250_000);
		}
		assertThat((double) histogram.percentile(50)).isCloseTo(2_000, withinPercentage(1.6));
		assertThat((double) histogram.percentile(99)).isCloseTo(2_000, withinPercentage(1.6));
		assertThat((double) histogram.percentile(99.9)).isCloseTo(250_000, withinPercentage(1.6));
		assertThat(histogram.max()).isEqualTo(250_000);
	}

	@Test
	void isExactForSmallValuesAndNeverReportsMoreThanTheMaximum() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.record(37);
		assertThat(histogram.percentile(50)).isEqualTo(37);
		histogram.record(1_000_001);
		assertThat(histogram.percentile(99)).isEqualTo(1_000_001);
		histogram.record(-5);
		assertThat(histogram.percentile(1)).isZero();
	}

	@Test
	void everyValueFallsInABucketThatHoldsItWithin1Point6Percent() {
		Random random = new Random(11);
		long previousBucket = -1;
		for (long value = 0; value < 10_000; value++) {
			int bucket = LatencyHistogram.bucket(value);
			assertThat(bucket).isGreaterThanOrEqualTo((int) previousBucket);
			previousBucket = bucket;
			assertThat(LatencyHistogram.highestIn(bucket)).isGreaterThanOrEqualTo(value);
		}
		for (int i = 0; i < 100_000; i++) {
			long value = (long) Math.pow(2, random.nextDouble() * 40);
			long highest = LatencyHistogram.highestIn(LatencyHistogram.bucket(value));
			assertThat(highest).isGreaterThanOrEqualTo(value);
			assertThat((double) highest).isLessThanOrEqualTo(value * (1 + 1 / 64.0));
		}
		assertThat(LatencyHistogram.highestIn(LatencyHistogram.bucket(LatencyHistogram.MAX_VALUE)))
			.isEqualTo(LatencyHistogram.MAX_VALUE);
	}

}
