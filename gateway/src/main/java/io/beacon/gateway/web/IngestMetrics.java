package io.beacon.gateway.web;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The gateway's meters. Counters for accepted and failed count events; rejections count
 * requests, since a rejected batch is never split into events.
 */
@Component
class IngestMetrics {

	private final MeterRegistry registry;

	private final Counter acceptedSingle;

	private final Counter acceptedBatch;

	private final Timer produceLatency;

	private final DistributionSummary batchSize;

	IngestMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.acceptedSingle = accepted("state");
		this.acceptedBatch = accepted("batch");
		this.produceLatency = Timer.builder("beacon.gateway.produce.latency")
			.description("Time from handing a request's records to the producer to the broker's acknowledgement")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(registry);
		this.batchSize = DistributionSummary.builder("beacon.gateway.batch.size")
			.description("Events per accepted /ingest/batch request")
			.baseUnit("events")
			.publishPercentileHistogram()
			.minimumExpectedValue(1.0)
			.maximumExpectedValue(1000.0)
			.register(registry);
	}

	private Counter accepted(String endpoint) {
		return Counter.builder("beacon.gateway.events.accepted")
			.description("Events acknowledged by the broker and answered 202")
			.tag("endpoint", endpoint)
			.register(this.registry);
	}

	void acceptedSingle() {
		this.acceptedSingle.increment();
	}

	void acceptedBatch(int events) {
		this.acceptedBatch.increment(events);
		this.batchSize.record(events);
	}

	void rejected(String endpoint, String reason) {
		Counter.builder("beacon.gateway.requests.rejected")
			.description("Requests answered 4xx, by reason")
			.tag("endpoint", endpoint)
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	void failed(String endpoint, String reason, int events) {
		Counter.builder("beacon.gateway.events.failed")
			.description("Events not acknowledged by the broker and answered 503, by reason")
			.tag("endpoint", endpoint)
			.tag("reason", reason)
			.register(this.registry)
			.increment(events);
	}

	Timer.Sample startProduce() {
		return Timer.start(this.registry);
	}

	void produced(Timer.Sample sample) {
		sample.stop(this.produceLatency);
	}

}
