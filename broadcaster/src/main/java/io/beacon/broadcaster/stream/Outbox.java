package io.beacon.broadcaster.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.LongSupplier;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * One client's outbound side. The Kafka consumer {@link #offer offers} events; the
 * transport pulls frames with {@link #next()} one at a time, only after the previous one
 * left, so nothing piles up in the connection. Events wait here instead, in a bounded
 * queue; a client that falls behind past the bound gets the latest state per agent and
 * the number of events it skipped. A frame left unsent for {@code stuck-timeout} closes
 * the client. Offering never blocks on the client.
 * <p>
 * Frames go out in this order of precedence: replies to the client, snapshot parts,
 * events (at each {@link #tick}, or at once when a frame's worth is waiting), stats.
 */
public final class Outbox {

	/** Replies waiting beyond this are dropped: a client that sends but does not read. */
	private static final int MAX_REPLIES = 16;

	private final ClientTransport transport;

	private final FrameFormat format;

	private final ClientLimits limits;

	private final TransportMeters metrics;

	private final long stuckNanos;

	private final LongSupplier clock;

	private Filter filter;

	private final ArrayDeque<byte[]> replies = new ArrayDeque<>();

	private List<AgentEntry> snapshot;

	private int snapshotSent;

	private int snapshotPart;

	private final ArrayDeque<LiveEvent> queued = new ArrayDeque<>();

	private long queuedBytes;

	/** The latest state per agent while conflating, else {@code null}. */
	private LinkedHashMap<String, AgentEntry> conflated;

	private long skipped;

	private boolean eventsDue;

	private byte[] stats;

	private MonoSink<byte[]> waiter;

	/** When the frame in the transport's hands was handed over; 0 when none is. */
	private long inFlightSince;

	/** Since when frames wait while the transport is not writable; 0 when they do not. */
	private long unwritableSince;

	private String closedReason;

	/** Whether a wake-up for a frame's worth of events is on its way. */
	private boolean wakePending;

	/** Why the consumer found the client too slow, until the next tick closes it. */
	private String tooSlow;

	Outbox(ClientTransport transport, FrameFormat format, Filter filter, ClientLimits limits, TransportMeters metrics,
			LongSupplier clock) {
		this.clock = clock;
		this.transport = transport;
		this.format = format;
		this.filter = filter;
		this.limits = limits;
		this.metrics = metrics;
		this.stuckNanos = limits.stuckTimeout().toNanos();
	}

	/** The transport's name: {@code ws} or {@code sse}. */
	public String transport() {
		return this.transport.name();
	}

	/**
	 * The next frame, as soon as there is one and the previous has left; empty once the
	 * outbox is closed. The transport subscribes again after it sent the frame.
	 */
	public Mono<byte[]> next() {
		return Mono.create((sink) -> {
			byte[] frame;
			synchronized (this) {
				this.inFlightSince = 0;
				if (this.closedReason != null) {
					frame = null;
				}
				else {
					frame = this.transport.writable() ? take(this.clock.getAsLong()) : null;
					if (frame == null) {
						this.waiter = sink;
						sink.onCancel(() -> forgetWaiter(sink));
						return;
					}
				}
			}
			if (frame == null) {
				sink.success();
			}
			else {
				sink.success(frame);
			}
		});
	}

	/** Events and conflated states waiting for this client. */
	synchronized int waiting() {
		return this.queued.size() + ((this.conflated != null) ? this.conflated.size() : 0);
	}

	/** Whether frames still go out. */
	public synchronized boolean isOpen() {
		return this.closedReason == null;
	}

	/** Why the outbox closed, or {@code null} while it is open. */
	public synchronized String closedReason() {
		return this.closedReason;
	}

	/**
	 * A frame for the client that goes before anything else (an answer to what it sent).
	 * @param reply the frame
	 */
	public void reply(byte[] reply) {
		synchronized (this) {
			if (this.closedReason != null || this.replies.size() >= MAX_REPLIES) {
				return;
			}
			this.replies.add(reply);
		}
		wake(this.clock.getAsLong());
	}

	/**
	 * Close: no more frames; {@link #next()} completes empty.
	 * @param reason why
	 */
	public void close(String reason) {
		MonoSink<byte[]> idle;
		synchronized (this) {
			if (this.closedReason != null) {
				return;
			}
			this.closedReason = reason;
			idle = this.waiter;
			this.waiter = null;
			release();
		}
		if (idle != null) {
			idle.success();
		}
	}

	synchronized void start(List<AgentEntry> snapshot) {
		this.snapshot = snapshot;
		this.snapshotSent = 0;
		this.snapshotPart = 0;
	}

	/** A new filter with its snapshot; what was queued under the old one is dropped. */
	void resubscribe(Filter filter, List<AgentEntry> snapshot, byte[] reply) {
		synchronized (this) {
			if (this.closedReason != null) {
				return;
			}
			this.filter = filter;
			release();
			this.replies.add(reply);
			start(snapshot);
		}
		wake(this.clock.getAsLong());
	}

	synchronized Filter filter() {
		return this.filter;
	}

	/**
	 * Called by the consumer's thread with each batch read; never waits on the client.
	 * @param events the batch
	 * @return whether a frame's worth waits for a transport that is ready: the caller
	 * should have {@link #wakeUp()} run soon, on another thread
	 */
	synchronized boolean offer(List<LiveEvent> events) {
		if (this.closedReason != null || this.tooSlow != null) {
			return false;
		}
		for (LiveEvent event : events) {
			if (this.filter.matches(event.agentId(), event.status())) {
				add(event);
			}
		}
		if (this.conflated != null && this.conflated.size() > this.limits.maxConflatedAgents()) {
			this.tooSlow = "too slow: more than " + this.limits.maxConflatedAgents()
					+ " agents changed while it did not read";
			release();
		}
		if (this.waiter != null && !this.wakePending && backlog() >= this.limits.maxEventsPerFrame()) {
			this.wakePending = true;
			return true;
		}
		return false;
	}

	/** Hand a waiting transport the frame's worth of events {@link #offer} reported. */
	void wakeUp() {
		synchronized (this) {
			this.wakePending = false;
		}
		wake(this.clock.getAsLong());
	}

	private int backlog() {
		return (this.conflated != null) ? this.conflated.size() : this.queued.size();
	}

	private void add(LiveEvent event) {
		if (this.conflated == null) {
			if (this.queued.size() < this.limits.maxQueuedEvents()
					&& this.queuedBytes + event.json().length <= this.limits.maxQueuedBytes()) {
				this.queued.add(event);
				this.queuedBytes += event.json().length;
				return;
			}
			this.conflated = new LinkedHashMap<>();
			for (LiveEvent earlier : this.queued) {
				conflate(earlier.state());
			}
			this.queued.clear();
			this.queuedBytes = 0;
		}
		conflate(event.state());
	}

	/**
	 * An agent keeps its place in the backlog when it changes again, so that one that
	 * changes all the time still reaches a client that drains the backlog slowly.
	 */
	private void conflate(AgentEntry state) {
		if (this.conflated.put(state.agentId(), state) != null) {
			this.skipped++;
			this.metrics.conflated();
		}
	}

	/**
	 * The pacer's beat: events waiting may go now; stats (when given) replace unsent
	 * ones; a client stuck too long is closed.
	 * @param now the time by the outbox's clock, in nanoseconds
	 * @param statsFrame the latest stats, or {@code null} when none are due
	 */
	void tick(long now, byte[] statsFrame) {
		String stuck = null;
		MonoSink<byte[]> ready = null;
		byte[] frame = null;
		synchronized (this) {
			if (hasEvents()) {
				this.eventsDue = true;
			}
			if (statsFrame != null && this.closedReason == null) {
				this.stats = this.format.stats(statsFrame);
			}
			boolean writable = this.transport.writable();
			if (writable || !hasFrames()) {
				this.unwritableSince = 0;
			}
			else if (this.unwritableSince == 0) {
				this.unwritableSince = now;
			}
			if (this.closedReason == null && this.tooSlow == null
					&& (stuckFor(this.inFlightSince, now) || stuckFor(this.unwritableSince, now))) {
				this.tooSlow = "too slow: a frame waited more than " + this.limits.stuckTimeout().toSeconds()
						+ " s to be read";
			}
			if (this.closedReason == null && this.tooSlow != null) {
				this.closedReason = this.tooSlow;
				this.metrics.closedSlow();
				stuck = this.closedReason;
				ready = this.waiter;
				this.waiter = null;
				release();
			}
			else if (this.waiter != null && writable) {
				frame = take(now);
				if (frame != null) {
					ready = this.waiter;
					this.waiter = null;
				}
			}
		}
		if (stuck != null) {
			if (ready != null) {
				ready.success();
			}
			this.transport.close(stuck);
		}
		else if (ready != null) {
			ready.success(frame);
		}
	}

	private void wake(long now) {
		MonoSink<byte[]> ready = null;
		byte[] frame = null;
		synchronized (this) {
			if (this.waiter != null && this.closedReason == null && this.transport.writable()) {
				frame = take(now);
				if (frame != null) {
					ready = this.waiter;
					this.waiter = null;
				}
			}
		}
		if (ready != null) {
			ready.success(frame);
		}
	}

	private boolean stuckFor(long since, long now) {
		return since != 0 && now - since > this.stuckNanos;
	}

	private synchronized void forgetWaiter(MonoSink<byte[]> sink) {
		if (this.waiter == sink) {
			this.waiter = null;
		}
	}

	/** Holds the lock. The next frame due, or {@code null}. */
	private byte[] take(long now) {
		byte[] frame = nextFrame();
		if (frame != null) {
			this.inFlightSince = now;
		}
		return frame;
	}

	private byte[] nextFrame() {
		if (!this.replies.isEmpty()) {
			this.metrics.replySent();
			return this.replies.poll();
		}
		if (this.snapshot != null) {
			return snapshotPart();
		}
		if (hasEvents() && (this.eventsDue || this.conflated != null
				|| this.queued.size() >= this.limits.maxEventsPerFrame())) {
			return (this.conflated != null) ? conflatedFrame() : eventsFrame();
		}
		if (this.stats != null) {
			byte[] frame = this.stats;
			this.stats = null;
			this.metrics.statsSent();
			return frame;
		}
		return null;
	}

	private byte[] snapshotPart() {
		int total = this.snapshot.size();
		int end = Math.min(total, this.snapshotSent + this.limits.snapshotChunk());
		List<byte[]> agents = new ArrayList<>(end - this.snapshotSent);
		for (int i = this.snapshotSent; i < end; i++) {
			agents.add(this.snapshot.get(i).json());
		}
		boolean last = end == total;
		byte[] frame = this.format.snapshot(agents, this.snapshotPart++, last, total);
		this.snapshotSent = end;
		if (last) {
			this.snapshot = null;
		}
		this.metrics.snapshotSent();
		return frame;
	}

	private byte[] eventsFrame() {
		List<byte[]> items = new ArrayList<>(Math.min(this.queued.size(), this.limits.maxEventsPerFrame()));
		long bytes = 0;
		long nowMillis = System.currentTimeMillis();
		while (!this.queued.isEmpty() && items.size() < this.limits.maxEventsPerFrame()
				&& (items.isEmpty() || bytes + this.queued.peek().json().length <= this.limits.maxFrameBytes())) {
			LiveEvent event = this.queued.poll();
			items.add(event.json());
			bytes += event.json().length;
			this.metrics.delay(nowMillis - event.receivedAtMillis());
		}
		this.queuedBytes -= bytes;
		// what was due at the tick and did not fit goes next; what came since waits for a
		// tick
		this.eventsDue = this.eventsDue && !this.queued.isEmpty();
		this.metrics.eventsSent(items.size());
		return this.format.events(items, 0, false);
	}

	private byte[] conflatedFrame() {
		List<byte[]> items = new ArrayList<>(Math.min(this.conflated.size(), this.limits.maxEventsPerFrame()));
		long bytes = 0;
		Iterator<AgentEntry> states = this.conflated.values().iterator();
		while (states.hasNext() && items.size() < this.limits.maxEventsPerFrame()
				&& bytes < this.limits.maxFrameBytes()) {
			byte[] json = states.next().json();
			states.remove();
			items.add(json);
			bytes += json.length;
		}
		long skippedNow = this.skipped;
		this.skipped = 0;
		if (this.conflated.isEmpty()) {
			this.conflated = null;
			this.eventsDue = false;
		}
		this.metrics.eventsSent(items.size());
		return this.format.events(items, skippedNow, true);
	}

	private boolean hasEvents() {
		return !this.queued.isEmpty() || this.conflated != null;
	}

	private boolean hasFrames() {
		return hasEvents() || !this.replies.isEmpty() || this.snapshot != null || this.stats != null;
	}

	private void release() {
		this.queued.clear();
		this.queuedBytes = 0;
		this.conflated = null;
		this.skipped = 0;
		this.snapshot = null;
		this.eventsDue = false;
		this.stats = null;
	}

}
