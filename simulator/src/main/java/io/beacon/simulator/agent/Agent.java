package io.beacon.simulator.agent;

/**
 * One simulated agent: its state machine, its next {@code seq}, and the event it is
 * sending now. An agent has at most one event on the way at a time: the next is made only
 * after the answer to the previous one, so nothing here needs a lock; the hand-over
 * between threads goes through {@link Swarm}'s queue.
 */
public final class Agent {

	private final int index;

	private final byte[] prefix;

	private final Lifecycle lifecycle;

	private long nextSeq;

	private long seq = -1;

	private int cycle;

	private byte[] body;

	Agent(int index, byte[] prefix, long seed) {
		this.index = index;
		this.prefix = prefix;
		this.lifecycle = new Lifecycle(seed);
	}

	/**
	 * Make the next transition into a new event with the next {@code seq} and a fresh id.
	 * @param epochMillis now
	 * @param ids the run's event ids
	 * @param metadataStart the run's metadata
	 */
	void nextEvent(long epochMillis, EventIdScheme ids, byte[] metadataStart) {
		AgentStatus status = this.lifecycle.advance();
		if (status == AgentStatus.IDLE) {
			this.cycle++;
		}
		this.seq = this.nextSeq++;
		this.body = EventJson.write(this.prefix, status, epochMillis, EventIdScheme.nextHighBits(),
				ids.lowBits(this.index, this.seq), this.seq, metadataStart, this.cycle);
	}

	public int index() {
		return this.index;
	}

	/**
	 * The {@code seq} of the event being sent.
	 * @return the seq, -1 before the first
	 */
	public long seq() {
		return this.seq;
	}

	/**
	 * The status the agent reports in the event being sent.
	 * @return the status, {@code null} before the first event
	 */
	public AgentStatus status() {
		return this.lifecycle.current();
	}

	/**
	 * The event being sent, as JSON; the same bytes on every retry (same id, same seq).
	 * @return UTF-8 JSON
	 */
	public byte[] body() {
		return this.body;
	}

}
