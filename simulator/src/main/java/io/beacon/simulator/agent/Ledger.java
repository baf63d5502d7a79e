package io.beacon.simulator.agent;

import java.util.BitSet;

/**
 * What each agent of a run sent and what came of it, for the audit: how many {@code seq}s
 * it used, which were accepted (202) and which rejected (4xx). {@code seq}s are per agent
 * and consecutive, so a bit per event is enough: 5 million accepted events take under a
 * megabyte.
 * <p>
 * One agent's entries are written by one thread at a time (an agent has one event on the
 * way); the audit reads them after sending stopped, and {@link #freeze()} keeps answers
 * that arrive after that out.
 */
public final class Ledger {

	private final long[] issued;

	private final BitSet[] accepted;

	/** Mostly {@code null}: a valid event is rarely rejected. */
	private final BitSet[] rejected;

	private volatile boolean frozen;

	public Ledger(int agents) {
		this.issued = new long[agents];
		this.accepted = new BitSet[agents];
		this.rejected = new BitSet[agents];
		for (int i = 0; i < agents; i++) {
			this.accepted[i] = new BitSet();
		}
	}

	public int agents() {
		return this.issued.length;
	}

	/**
	 * An event was made (and is about to be sent).
	 * @param agent the agent's index
	 * @param seq its seq
	 */
	public void issued(int agent, long seq) {
		if (!this.frozen) {
			this.issued[agent] = Math.max(this.issued[agent], seq + 1);
		}
	}

	/**
	 * An event was answered {@code 202}.
	 * @param agent the agent's index
	 * @param seq its seq
	 */
	public void accepted(int agent, long seq) {
		if (!this.frozen) {
			this.accepted[agent].set(Math.toIntExact(seq));
		}
	}

	/**
	 * An event was answered with a {@code 4xx}.
	 * @param agent the agent's index
	 * @param seq its seq
	 */
	public void rejected(int agent, long seq) {
		if (!this.frozen) {
			if (this.rejected[agent] == null) {
				this.rejected[agent] = new BitSet();
			}
			this.rejected[agent].set(Math.toIntExact(seq));
		}
	}

	/** No more entries: what is here is what the audit checks. */
	public void freeze() {
		this.frozen = true;
	}

	/**
	 * How many seqs an agent used: 0 to this minus one.
	 * @param agent the agent's index
	 * @return the count
	 */
	public long issued(int agent) {
		return this.issued[agent];
	}

	public boolean isAccepted(int agent, long seq) {
		return seq >= 0 && seq < Integer.MAX_VALUE && this.accepted[agent].get((int) seq);
	}

	public boolean isRejected(int agent, long seq) {
		BitSet bits = this.rejected[agent];
		return bits != null && seq >= 0 && seq < Integer.MAX_VALUE && bits.get((int) seq);
	}

	/**
	 * The accepted seqs of an agent, for walking: the first accepted seq from one on.
	 * @param agent the agent's index
	 * @param from the smallest seq to consider
	 * @return the seq, or -1 when none is left
	 */
	public int nextAccepted(int agent, int from) {
		return this.accepted[agent].nextSetBit(from);
	}

	/**
	 * How many events were accepted in all.
	 * @return the count
	 */
	public long acceptedCount() {
		long count = 0;
		for (BitSet bits : this.accepted) {
			count += bits.cardinality();
		}
		return count;
	}

}
