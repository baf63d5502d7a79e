package io.beacon.bench.broadcast;

import java.util.BitSet;

/**
 * Which events of one phase one client received, by their place in the phase: what it
 * missed and what it got twice. Guarded by its client.
 */
final class Reception {

	private final BitSet received = new BitSet();

	private long distinct;

	private long duplicates;

	/**
	 * An event arrived.
	 * @param place its {@code seq} minus the phase's first
	 */
	void add(long place) {
		int bit = Math.toIntExact(place);
		if (this.received.get(bit)) {
			this.duplicates++;
		}
		else {
			this.received.set(bit);
			this.distinct++;
		}
	}

	/** Different events received. */
	long distinct() {
		return this.distinct;
	}

	/** Events received more than once, counted once per extra copy. */
	long duplicates() {
		return this.duplicates;
	}

	/**
	 * Events sent and never received.
	 * @param sent events the phase sent
	 * @return how many of them did not arrive
	 */
	long missing(long sent) {
		return sent - this.received.get(0, Math.toIntExact(sent)).cardinality();
	}

}
