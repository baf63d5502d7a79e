package io.beacon.simulator.verify;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;

import io.beacon.simulator.agent.AgentNames;
import io.beacon.simulator.agent.EventIdScheme;
import io.beacon.simulator.agent.Ledger;

/**
 * Checks archive rows, in the order the archive assigned their ids, against what a run
 * sent: each accepted event there exactly once, each agent's rows in increasing
 * {@code seq}, nothing of the run's agents that the run did not send. Rows of other
 * agents are skipped. Memory is a bit per event and a few numbers per agent.
 */
public final class Audit {

	static final int EXAMPLES = 10;

	private final Ledger ledger;

	private final AgentNames names;

	private final EventIdScheme ids;

	private final long earliestMillis;

	private final long latestMillis;

	private final long expected;

	private final BitSet[] archived;

	private final long[] lastSeq;

	private long found;

	private long rows;

	private long duplicated;

	private long outOfOrder;

	private long unexpected;

	private long unconfirmedArchived;

	private final List<String> duplicatedExamples = new ArrayList<>();

	private final List<String> outOfOrderExamples = new ArrayList<>();

	private final List<String> unexpectedExamples = new ArrayList<>();

	/**
	 * An audit of one run.
	 * @param ledger what the run sent, frozen
	 * @param names the run's agent ids
	 * @param ids the run's event ids
	 * @param earliestMillis no id of the run is older (its start, less some slack)
	 * @param latestMillis no id of the run is newer
	 */
	public Audit(Ledger ledger, AgentNames names, EventIdScheme ids, long earliestMillis, long latestMillis) {
		this.ledger = ledger;
		this.names = names;
		this.ids = ids;
		this.earliestMillis = earliestMillis;
		this.latestMillis = latestMillis;
		this.expected = ledger.acceptedCount();
		this.archived = new BitSet[ledger.agents()];
		this.lastSeq = new long[ledger.agents()];
		for (int i = 0; i < this.archived.length; i++) {
			this.archived[i] = new BitSet();
			this.lastSeq[i] = -1;
		}
	}

	/**
	 * Check one row.
	 * @param id the row's id
	 * @param eventId its event id
	 * @param agentId its agent
	 * @param seq its seq, or {@code null}
	 */
	public void row(long id, String eventId, String agentId, Long seq) {
		int agent = this.names.indexOf(agentId);
		if (agent < 0) {
			return;
		}
		this.rows++;
		if (agent >= this.ledger.agents()) {
			unexpected(id, eventId, agentId, seq, "the run had " + this.ledger.agents() + " agents");
			return;
		}
		if (seq == null || seq < 0 || seq >= this.ledger.issued(agent)) {
			unexpected(id, eventId, agentId, seq, "the run never sent this seq");
			return;
		}
		long millis = EventIdScheme.millis(eventId);
		if (!this.ids.matches(eventId, agent, seq) || millis < this.earliestMillis || millis > this.latestMillis) {
			unexpected(id, eventId, agentId, seq, "not the event_id the run sent");
			return;
		}
		if (this.ledger.isRejected(agent, seq)) {
			unexpected(id, eventId, agentId, seq, "it was rejected with a 4xx");
			return;
		}
		int bit = (int) (long) seq;
		if (this.archived[agent].get(bit)) {
			this.duplicated++;
			example(this.duplicatedExamples, () -> describe(id, eventId, agentId, seq));
			return;
		}
		this.archived[agent].set(bit);
		if (seq < this.lastSeq[agent]) {
			this.outOfOrder++;
			long after = this.lastSeq[agent];
			example(this.outOfOrderExamples, () -> describe(id, eventId, agentId, seq) + " after seq " + after);
		}
		this.lastSeq[agent] = Math.max(this.lastSeq[agent], seq);
		if (this.ledger.isAccepted(agent, seq)) {
			this.found++;
		}
		else {
			this.unconfirmedArchived++;
		}
	}

	/**
	 * Rows of the run's agents seen so far.
	 * @return the count
	 */
	public long rows() {
		return this.rows;
	}

	/**
	 * Accepted events expected in the archive.
	 * @return the count
	 */
	public long expected() {
		return this.expected;
	}

	/**
	 * Accepted events found so far.
	 * @return the count
	 */
	public long found() {
		return this.found;
	}

	/**
	 * Whether every accepted event has been found.
	 * @return whether the archive has caught up
	 */
	public boolean complete() {
		return this.found == this.expected;
	}

	/**
	 * The verdict on the rows seen so far.
	 * @param error why the archive could not be read to the end, or {@code null}
	 * @return the verdict
	 */
	public Verdict verdict(String error) {
		List<String> lostExamples = new ArrayList<>();
		long lost = 0;
		for (int agent = 0; agent < this.archived.length; agent++) {
			for (int seq = this.ledger.nextAccepted(agent, 0); seq >= 0; seq = this.ledger.nextAccepted(agent,
					seq + 1)) {
				if (!this.archived[agent].get(seq)) {
					lost++;
					int lostAgent = agent;
					int lostSeq = seq;
					example(lostExamples, () -> this.names.name(lostAgent) + " seq " + lostSeq);
				}
			}
		}
		return new Verdict(this.expected, this.found, this.rows, lost, this.duplicated, this.outOfOrder,
				this.unexpected, this.unconfirmedArchived, lostExamples, List.copyOf(this.duplicatedExamples),
				List.copyOf(this.outOfOrderExamples), List.copyOf(this.unexpectedExamples), error);
	}

	private void unexpected(long id, String eventId, String agentId, Long seq, String why) {
		this.unexpected++;
		example(this.unexpectedExamples, () -> describe(id, eventId, agentId, seq) + ": " + why);
	}

	/** Words for a row, made only for the few rows shown as examples. */
	private static String describe(long id, String eventId, String agentId, Long seq) {
		return agentId + " seq " + seq + " (row " + id + ", event_id " + eventId + ")";
	}

	private static void example(List<String> examples, Supplier<String> example) {
		if (examples.size() < EXAMPLES) {
			examples.add(example.get());
		}
	}

}
