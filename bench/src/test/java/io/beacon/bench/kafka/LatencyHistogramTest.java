package io.beacon.bench.kafka;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTest {

	@Test
	void isEmptyUntilSomethingIsRecorded() {
		LatencyHistogram histogram = new LatencyHistogram();
		assertThat(histogram.count()).isZero();
		assertThat(histogram.percentileMicros(99)).isZero();
		assertThat(histogram.maxMillis()).isZero();
	}

	@Test
	void isExactForSmallValues() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int micros = 1; micros <= 100; micros++) {
			histogram.recordMicros(micros);
		}
		assertThat(histogram.percentileMicros(50)).isEqualTo(50);
		assertThat(histogram.percentileMicros(99)).isEqualTo(99);
		assertThat(histogram.percentileMicros(100)).isEqualTo(100);
	}

	@Test
	void givesPercentilesWithinOnePercent() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (int micros = 1; micros <= 100_000; micros++) {
			histogram.recordNanos(micros * 1000L);
		}
		assertThat(histogram.count()).isEqualTo(100_000);
		assertThat(histogram.percentileMillis(50)).isCloseTo(50.0, within(0.5));
		assertThat(histogram.percentileMillis(99)).isCloseTo(99.0, within(1.0));
		assertThat(histogram.maxMillis()).isCloseTo(100.0, within(1.0));
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, 1, 127, 128, 129, 255, 256, 1_000, 65_537, 1_000_000_007L, (1L << 40) - 1 })
	void putsEachValueInABucketThatHoldsIt(long micros) {
		int index = LatencyHistogram.index(micros);
		assertThat(LatencyHistogram.lowestIn(index)).isLessThanOrEqualTo(micros);
		assertThat(LatencyHistogram.highestIn(index)).isGreaterThanOrEqualTo(micros);
		assertThat(LatencyHistogram.highestIn(index) - LatencyHistogram.lowestIn(index))
			.isLessThanOrEqualTo(Math.max(0, micros / 128));
	}

	@Test
	void clampsNegativeAndHugeValues() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.recordMicros(-5);
		histogram.recordMicros(Long.MAX_VALUE);
		assertThat(histogram.count()).isEqualTo(2);
		assertThat(histogram.percentileMicros(50)).isZero();
	}

}
