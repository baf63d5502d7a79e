package io.beacon.simulator.agent;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A run's agents and the queue of those ready to send: an agent leaves it when the pacer
 * gives it a send and comes back when its event was answered (or given up). Taking the
 * agent that has waited longest spreads the events evenly over the agents.
 */
public final class Swarm {

	private final AgentNames names;

	private final EventIdScheme ids;

	private final Ledger ledger;

	private final byte[] metadataStart;

	private final ArrayBlockingQueue<Agent> ready;

	/**
	 * A swarm whose agents are all ready.
	 * @param names the run's agent ids
	 * @param ids the run's event ids
	 * @param agents how many agents
	 */
	public Swarm(AgentNames names, EventIdScheme ids, int agents) {
		this.names = names;
		this.ids = ids;
		this.ledger = new Ledger(agents);
		this.metadataStart = EventJson.metadataStart(names.runId());
		this.ready = new ArrayBlockingQueue<>(agents);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < agents; i++) {
			this.ready.add(new Agent(i, EventJson.prefix(names.name(i)), random.nextLong()));
		}
	}

	/**
	 * The agent ready longest, moved on to its next event.
	 * @param epochMillis now, the event's timestamp
	 * @return the agent, its event made; {@code null} when no agent is ready
	 */
	public Agent take(long epochMillis) {
		Agent agent = this.ready.poll();
		if (agent != null) {
			agent.nextEvent(epochMillis, this.ids, this.metadataStart);
			this.ledger.issued(agent.index(), agent.seq());
		}
		return agent;
	}

	/**
	 * The agent's event was accepted; it is ready for its next.
	 * @param agent the agent
	 */
	public void accepted(Agent agent) {
		this.ledger.accepted(agent.index(), agent.seq());
		this.ready.add(agent);
	}

	/**
	 * The agent's event was rejected (4xx); it is ready for its next.
	 * @param agent the agent
	 */
	public void rejected(Agent agent) {
		this.ledger.rejected(agent.index(), agent.seq());
		this.ready.add(agent);
	}

	/**
	 * The agent's event was given up without an answer that says what became of it.
	 * @param agent the agent
	 */
	public void unconfirmed(Agent agent) {
		this.ready.add(agent);
	}

	public int readyCount() {
		return this.ready.size();
	}

	public AgentNames names() {
		return this.names;
	}

	public EventIdScheme ids() {
		return this.ids;
	}

	public Ledger ledger() {
		return this.ledger;
	}

}
