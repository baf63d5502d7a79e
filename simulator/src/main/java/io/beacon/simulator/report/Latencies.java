package io.beacon.simulator.report;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Request latencies over the whole run and over the last progress interval.
 */
public final class Latencies {

	private static final long NANOS_PER_MICRO = 1000;

	private final LatencyHistogram total = new LatencyHistogram();

	private final AtomicReference<LatencyHistogram> interval = new AtomicReference<>(new LatencyHistogram());

	/**
	 * Record one request's latency.
	 * @param nanos from the send to the answer
	 */
	public void record(long nanos) {
		long micros = nanos / NANOS_PER_MICRO;
		this.total.record(micros);
		this.interval.get().record(micros);
	}

	public LatencyHistogram total() {
		return this.total;
	}

	/**
	 * The latencies since the last call, and start a new interval. A value recorded at
	 * the very moment of the switch may land in either.
	 * @return the interval's histogram
	 */
	LatencyHistogram takeInterval() {
		return this.interval.getAndSet(new LatencyHistogram());
	}

}
