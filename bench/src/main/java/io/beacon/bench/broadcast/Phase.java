package io.beacon.bench.broadcast;

import io.beacon.bench.kafka.LatencyHistogram;

/**
 * One stretch of load at one rate. Its events are those whose {@code seq} (one counter
 * over the whole run) lies in {@code [first, first + events)}, so an event counts for the
 * phase it was sent in whenever it arrives, even after the next phase started.
 */
final class Phase {

	private final String scenario;

	private final int run;

	private final int index;

	private final long first;

	private final LatencyHistogram healthyDelays = new LatencyHistogram();

	/** Until the phase's last event was sent: unknown. */
	private volatile long events = -1;

	Phase(String scenario, int run, int index, long first) {
		this.scenario = scenario;
		this.run = run;
		this.index = index;
		this.first = first;
	}

	String scenario() {
		return this.scenario;
	}

	int run() {
		return this.run;
	}

	/** Its place in the run, from 0: where clients keep what they received of it. */
	int index() {
		return this.index;
	}

	long first() {
		return this.first;
	}

	/** Ingest-to-client delays of its events at the healthy clients, all together. */
	LatencyHistogram healthyDelays() {
		return this.healthyDelays;
	}

	void ended(long sent) {
		this.events = sent;
	}

	/** Events sent in it, -1 while it runs. */
	long events() {
		return this.events;
	}

}
