package io.beacon.broadcaster.stream;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** One transport's meters, tagged {@code transport=ws|sse}. */
public final class TransportMeters {

	private final StreamMetrics shared;

	private final AtomicInteger clients = new AtomicInteger();

	private final Counter eventsSent;

	private final Counter conflated;

	private final Counter closedSlow;

	private final Counter rejected;

	private final Counter replyFrames;

	private final Counter snapshotFrames;

	private final Counter eventsFrames;

	private final Counter statsFrames;

	TransportMeters(MeterRegistry registry, StreamMetrics shared, String transport) {
		this.shared = shared;
		Gauge.builder("beacon.broadcaster.clients", this.clients, AtomicInteger::get)
			.description("Connected clients")
			.tag("transport", transport)
			.register(registry);
		this.eventsSent = Counter.builder("beacon.broadcaster.events.sent")
			.description("Events sent to clients, counted once per client")
			.tag("transport", transport)
			.register(registry);
		this.conflated = Counter.builder("beacon.broadcaster.events.conflated")
			.description("Events a slow client skipped: it got a later state of the same agent instead")
			.tag("transport", transport)
			.register(registry);
		this.closedSlow = Counter.builder("beacon.broadcaster.clients.closed.slow")
			.description("Clients closed because they did not read")
			.tag("transport", transport)
			.register(registry);
		this.rejected = Counter.builder("beacon.broadcaster.clients.rejected")
			.description("Clients turned away because the broadcaster had as many as it takes")
			.tag("transport", transport)
			.register(registry);
		this.replyFrames = frames(registry, transport, "reply");
		this.snapshotFrames = frames(registry, transport, "snapshot");
		this.eventsFrames = frames(registry, transport, "events");
		this.statsFrames = frames(registry, transport, "stats");
	}

	private static Counter frames(MeterRegistry registry, String transport, String type) {
		return Counter.builder("beacon.broadcaster.frames.sent")
			.description("Frames handed to clients' connections")
			.tag("transport", transport)
			.tag("type", type)
			.register(registry);
	}

	void connected() {
		this.clients.incrementAndGet();
	}

	void disconnected() {
		this.clients.decrementAndGet();
	}

	int clients() {
		return this.clients.get();
	}

	void eventsSent(int events) {
		this.eventsSent.increment(events);
		this.eventsFrames.increment();
	}

	void delay(long millis) {
		this.shared.delay(millis);
	}

	void replySent() {
		this.replyFrames.increment();
	}

	void snapshotSent() {
		this.snapshotFrames.increment();
	}

	void statsSent() {
		this.statsFrames.increment();
	}

	void conflated() {
		this.conflated.increment();
	}

	void closedSlow() {
		this.closedSlow.increment();
	}

	void rejected() {
		this.rejected.increment();
	}

}
