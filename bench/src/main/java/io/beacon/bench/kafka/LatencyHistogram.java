package io.beacon.bench.kafka;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, counted in buckets at most 1/128 (0.8 %) wide relative to
 * their value, exact below 128 µs. Recording is lock-free and allocation-free, so the
 * producer's I/O thread can record every acknowledgement (and the broadcast benchmark's
 * WebSocket clients every event).
 */
public final class LatencyHistogram {

	private static final int SUB_BITS = 7;

	private static final int SUB_BUCKETS = 1 << SUB_BITS;

	/** Values are clamped to about 12.7 days. */
	private static final long MAX_MICROS = (1L << 40) - 1;

	private static final int BUCKETS = index(MAX_MICROS) + 1;

	private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

	public void recordNanos(long nanos) {
		recordMicros(nanos / 1000);
	}

	public void recordMicros(long micros) {
		this.counts.incrementAndGet(index(Math.max(0, Math.min(micros, MAX_MICROS))));
	}

	public long count() {
		long total = 0;
		for (int i = 0; i < BUCKETS; i++) {
			total += this.counts.get(i);
		}
		return total;
	}

	/**
	 * The value at or below which the given share of the recorded values lie.
	 * @param percentile 0 to 100
	 * @return the highest value of the bucket holding that rank, in µs; 0 when empty
	 */
	public long percentileMicros(double percentile) {
		long total = count();
		if (total == 0) {
			return 0;
		}
		long rank = Math.max(1, (long) Math.ceil(total * percentile / 100.0));
		long seen = 0;
		for (int i = 0; i < BUCKETS; i++) {
			seen += this.counts.get(i);
			if (seen >= rank) {
				return highestIn(i);
			}
		}
		return highestIn(BUCKETS - 1);
	}

	public double percentileMillis(double percentile) {
		return percentileMicros(percentile) / 1000.0;
	}

	public double maxMillis() {
		for (int i = BUCKETS - 1; i >= 0; i--) {
			if (this.counts.get(i) > 0) {
				return highestIn(i) / 1000.0;
			}
		}
		return 0;
	}

	static int index(long micros) {
		if (micros < SUB_BUCKETS) {
			return (int) micros;
		}
		int exponent = 63 - Long.numberOfLeadingZeros(micros);
		int sub = (int) (micros >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1);
		return SUB_BUCKETS + (exponent - SUB_BITS) * SUB_BUCKETS + sub;
	}

	static long lowestIn(int index) {
		if (index < SUB_BUCKETS) {
			return index;
		}
		int exponent = (index - SUB_BUCKETS) / SUB_BUCKETS + SUB_BITS;
		int sub = (index - SUB_BUCKETS) % SUB_BUCKETS;
		return ((long) SUB_BUCKETS + sub) << (exponent - SUB_BITS);
	}

	static long highestIn(int index) {
		return lowestIn(index + 1) - 1;
	}

}
