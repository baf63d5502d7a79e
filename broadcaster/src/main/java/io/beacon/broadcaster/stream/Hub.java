package io.beacon.broadcaster.stream;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Where events meet clients: keeps the latest state per agent and hands every batch the
 * consumer reads to every client's {@link Outbox}. Taking a snapshot and joining happen
 * under the same lock as each batch, so a new client gets every event after its snapshot
 * and none before.
 */
public final class Hub {

	private final Object lock = new Object();

	private final AgentStates states;

	private final List<Outbox> outboxes = new CopyOnWriteArrayList<>();

	private final ClientLimits limits;

	private final int maxClients;

	private final StreamMetrics metrics;

	private final AtomicLong received = new AtomicLong();

	private volatile Consumer<Outbox> waker = Outbox::wakeUp;

	public Hub(int maxAgents, int maxClients, ClientLimits limits, StreamMetrics metrics) {
		this.states = new AgentStates(maxAgents);
		this.maxClients = maxClients;
		this.limits = limits;
		this.metrics = metrics;
		metrics.gauge("beacon.broadcaster.agents", "Agents whose latest state is kept", this, Hub::agents);
		metrics.gauge("beacon.broadcaster.agents.evicted", "Agents forgotten to keep the state bounded", this,
				(hub) -> hub.stateCount(AgentStates::evicted));
		metrics.gauge("beacon.broadcaster.inversions",
				"Events whose seq was older than the agent's state held (not applied)", this,
				(hub) -> hub.stateCount(AgentStates::inversions));
		metrics.gauge("beacon.broadcaster.clients.waiting", "Events and conflated states waiting in clients' outboxes",
				this, Hub::waiting);
	}

	/**
	 * Called by the consumer's thread with each batch, in offset order per partition.
	 * @param events the events
	 */
	public void publish(List<LiveEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		List<Outbox> backlogged = null;
		synchronized (this.lock) {
			for (LiveEvent event : events) {
				this.states.update(event.state());
			}
			for (Outbox outbox : this.outboxes) {
				if (outbox.offer(events)) {
					backlogged = (backlogged != null) ? backlogged : new ArrayList<>();
					backlogged.add(outbox);
				}
			}
		}
		if (backlogged != null) {
			backlogged.forEach(this.waker);
		}
		this.received.addAndGet(events.size());
		this.metrics.received(events.size());
	}

	/**
	 * Who hands a frame's worth of events to a client between two beats; by default the
	 * consumer's own thread.
	 * @param waker runs {@link Outbox#wakeUp()} for an outbox, preferably elsewhere
	 */
	void wakeWith(Consumer<Outbox> waker) {
		this.waker = waker;
	}

	/**
	 * A new client.
	 * @param transport its connection
	 * @param format how its frames look
	 * @param filter what it wants
	 * @param snapshot whether it starts with the agents' current state
	 * @return its outbox
	 * @throws TooManyClientsException when the broadcaster is full
	 */
	public Outbox connect(ClientTransport transport, FrameFormat format, Filter filter, boolean snapshot) {
		TransportMeters meters = this.metrics.transport(transport.name());
		Outbox outbox = new Outbox(transport, format, filter, this.limits, meters, System::nanoTime);
		synchronized (this.lock) {
			if (this.outboxes.size() >= this.maxClients) {
				meters.rejected();
				throw new TooManyClientsException(this.maxClients);
			}
			outbox.start(snapshot ? this.states.matching(filter) : null);
			this.outboxes.add(outbox);
		}
		meters.connected();
		return outbox;
	}

	/**
	 * A client changes its filter: it gets a reply, then a snapshot of the agents that
	 * match, then matching events.
	 * @param outbox the client
	 * @param filter its new filter
	 * @param reply the reply that goes first
	 */
	public void resubscribe(Outbox outbox, Filter filter, byte[] reply) {
		synchronized (this.lock) {
			outbox.resubscribe(filter, this.states.matching(filter), reply);
		}
	}

	/**
	 * A client is gone.
	 * @param outbox its outbox
	 * @param reason why, for the outbox
	 */
	public void disconnect(Outbox outbox, String reason) {
		outbox.close(reason);
		if (this.outboxes.remove(outbox)) {
			this.metrics.transport(outbox.transport()).disconnected();
		}
	}

	/** Close every client, for shutdown. */
	public void closeAll(String reason) {
		for (Outbox outbox : this.outboxes) {
			outbox.close(reason);
		}
	}

	void tick(long now, byte[] stats) {
		for (Outbox outbox : this.outboxes) {
			outbox.tick(now, stats);
		}
	}

	private int waiting() {
		int waiting = 0;
		for (Outbox outbox : this.outboxes) {
			waiting += outbox.waiting();
		}
		return waiting;
	}

	/** Events read from the topic so far. */
	public long received() {
		return this.received.get();
	}

	/** Agents whose state is kept. */
	public int agents() {
		synchronized (this.lock) {
			return this.states.size();
		}
	}

	/** Connected clients. */
	public int clients() {
		return this.outboxes.size();
	}

	private long stateCount(ToLongFunction<AgentStates> count) {
		synchronized (this.lock) {
			return count.applyAsLong(this.states);
		}
	}

	/**
	 * The stats every client gets each second.
	 * @param eventsPerSecond the rate of events read since the last stats
	 * @param now the time they are for
	 * @return the stats JSON object
	 */
	byte[] stats(double eventsPerSecond, Instant now) {
		Map<String, Integer> perStatus;
		int agents;
		synchronized (this.lock) {
			perStatus = this.states.perStatus();
			agents = this.states.size();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(160 + perStatus.size() * 24);
		out.writeBytes(EventJson.ascii("{\"type\":\"stats\",\"at\":\"" + now + "\",\"events_per_second\":"
				+ Math.round(eventsPerSecond * 10) / 10.0 + ",\"events_total\":" + this.received.get() + ",\"agents\":"
				+ agents + ",\"clients\":" + clients() + ",\"statuses\":{"));
		boolean first = true;
		for (Map.Entry<String, Integer> status : perStatus.entrySet()) {
			if (!first) {
				out.write(',');
			}
			first = false;
			EventJson.string(out, status.getKey());
			out.writeBytes(EventJson.ascii(":" + status.getValue()));
		}
		out.writeBytes(EventJson.ascii("}}"));
		return out.toByteArray();
	}

}
