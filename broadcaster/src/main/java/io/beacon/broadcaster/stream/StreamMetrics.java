package io.beacon.broadcaster.stream;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The broadcaster's meters, all under {@code beacon.broadcaster}. Per-transport meters
 * carry a {@code transport} tag ({@code ws} or {@code sse}).
 */
public final class StreamMetrics {

	private final MeterRegistry registry;

	private final Counter eventsReceived;

	private final Counter invalidRecords;

	private final Timer delay;

	private final Map<String, TransportMeters> transports = new ConcurrentHashMap<>();

	public StreamMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.eventsReceived = Counter.builder("beacon.broadcaster.events.received")
			.description("Events read from the topic")
			.register(registry);
		this.invalidRecords = Counter.builder("beacon.broadcaster.records.invalid")
			.description("Records that are not valid events, skipped (the archiver dead-letters them)")
			.register(registry);
		this.delay = Timer.builder("beacon.broadcaster.delay")
			.description("From the gateway receiving an event to its frame leaving for a client")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(30))
			.serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1))
			.register(registry);
	}

	void received(int events) {
		this.eventsReceived.increment(events);
	}

	/** A record that is not a valid event. */
	public void invalidRecord() {
		this.invalidRecords.increment();
	}

	void delay(long millis) {
		this.delay.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
	}

	/**
	 * The meters of one transport, created once.
	 * @param transport {@code ws} or {@code sse}
	 * @return its meters
	 */
	public TransportMeters transport(String transport) {
		return this.transports.computeIfAbsent(transport, (name) -> new TransportMeters(this.registry, this, name));
	}

	<T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
		Gauge.builder(name, source, value).description(description).strongReference(true).register(this.registry);
	}

}
