package io.beacon.simulator.report;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies in microseconds in log-linear buckets: exact below 128 µs, then 64 buckets
 * per power of two (within 1.6 %), up to about 12 days. Recording is lock-free and
 * allocation free from any thread; percentiles are read while recording goes on.
 */
public final class LatencyHistogram {

	private static final int SUB_BUCKET_BITS = 6;

	private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

	/** Values below this have a bucket each. */
	private static final int EXACT_BELOW = 2 * SUB_BUCKETS;

	private static final int MAX_EXPONENT = 40;

	static final long MAX_VALUE = (1L << (MAX_EXPONENT + 1)) - 1;

	private static final int BUCKETS = (MAX_EXPONENT - SUB_BUCKET_BITS) * SUB_BUCKETS + 2 * SUB_BUCKETS;

	private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

	private final LongAdder count = new LongAdder();

	private final LongAccumulator max = new LongAccumulator(Math::max, 0);

	/**
	 * Record one value.
	 * @param micros the latency in microseconds; negatives count as 0
	 */
	public void record(long micros) {
		long value = Math.min(MAX_VALUE, Math.max(0, micros));
		this.counts.incrementAndGet(bucket(value));
		this.count.increment();
		this.max.accumulate(value);
	}

	public long count() {
		return this.count.sum();
	}

	/**
	 * The largest value recorded.
	 * @return microseconds, 0 when empty
	 */
	public long max() {
		return this.max.get();
	}

	/**
	 * The value at or below which a share of the recorded values lie, to the bucket's
	 * precision (the bucket's highest value, never above the maximum).
	 * @param percent e.g. 99 for p99
	 * @return microseconds, 0 when empty
	 */
	public long percentile(double percent) {
		long total = 0;
		long[] snapshot = new long[BUCKETS];
		for (int i = 0; i < BUCKETS; i++) {
			snapshot[i] = this.counts.get(i);
			total += snapshot[i];
		}
		if (total == 0) {
			return 0;
		}
		long rank = Math.max(1, (long) Math.ceil(percent / 100 * total));
		long seen = 0;
		for (int i = 0; i < BUCKETS; i++) {
			seen += snapshot[i];
			if (seen >= rank) {
				return Math.min(highestIn(i), max());
			}
		}
		return max();
	}

	static int bucket(long value) {
		if (value < EXACT_BELOW) {
			return (int) value;
		}
		int exponent = 63 - Long.numberOfLeadingZeros(value);
		int shift = exponent - SUB_BUCKET_BITS;
		return shift * SUB_BUCKETS + (int) (value >>> shift);
	}

	static long highestIn(int bucket) {
		if (bucket < EXACT_BELOW) {
			return bucket;
		}
		int shift = bucket / SUB_BUCKETS - 1;
		long subBucket = bucket % SUB_BUCKETS + SUB_BUCKETS;
		return ((subBucket + 1) << shift) - 1;
	}

}
