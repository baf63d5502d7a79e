package io.beacon.watchtower.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The latest poll as meters. Tag sets follow what the poll found: a gateway removed from
 * the load balancer disappears from {@code beacon_service_up} at the next poll.
 */
public final class WatchMetrics {

	private final AtomicReference<PipelineStatus> latest = new AtomicReference<>();

	private final MultiGauge serviceUp;

	private final MultiGauge checkLatency;

	private final MultiGauge groupLag;

	private final MultiGauge partitionLag;

	private final MultiGauge endOffsets;

	public WatchMetrics(MeterRegistry registry) {
		this.serviceUp = MultiGauge.builder("beacon.service.up")
			.description("1 when the service's health is UP, 0 otherwise")
			.register(registry);
		this.checkLatency = MultiGauge.builder("beacon.service.check.latency")
			.description("How long the service's last health check took")
			.baseUnit("seconds")
			.register(registry);
		this.groupLag = MultiGauge.builder("beacon.consumer.lag")
			.description("Records of the topic a consumer group has not committed yet")
			.register(registry);
		this.partitionLag = MultiGauge.builder("beacon.consumer.partition.lag")
			.description("Records of one partition a consumer group has not committed yet")
			.register(registry);
		this.endOffsets = MultiGauge.builder("beacon.topic.end.offset")
			.description("The end offset of each partition of the topic")
			.register(registry);
		Gauge.builder("beacon.kafka.up", this.latest, (status) -> value(status, (s) -> s.kafka().reachable() ? 1 : 0))
			.description("1 when the broker answered the last poll")
			.register(registry);
		Gauge.builder("beacon.pipeline.state", this.latest, (status) -> value(status, (s) -> switch (s.status()) {
			case OverallRule.UP -> 2;
			case OverallRule.DEGRADED -> 1;
			default -> 0;
		})).description("The overall state: 2 up, 1 degraded, 0 down").register(registry);
		Gauge.builder("beacon.ingest.rate", this.latest, (status) -> value(status, PipelineStatus::eventsInPerSecond))
			.description("Records written to the topic per second, between the last two polls")
			.baseUnit("events.per.second")
			.register(registry);
		Gauge.builder("beacon.archive.rate", this.latest, (status) -> value(status, PipelineStatus::archivedPerSecond))
			.description("Records the archiver committed per second, between the last two polls")
			.baseUnit("events.per.second")
			.register(registry);
	}

	void update(PipelineStatus status) {
		this.latest.set(status);
		List<MultiGauge.Row<?>> up = new ArrayList<>();
		List<MultiGauge.Row<?>> latency = new ArrayList<>();
		for (ServiceCheck check : status.services()) {
			Tags tags = Tags.of("service", check.name(), "kind", check.kind());
			up.add(MultiGauge.Row.of(tags, check.isUp() ? 1 : 0));
			latency.add(MultiGauge.Row.of(tags, check.latencyMs() / 1000.0));
		}
		this.serviceUp.register(up, true);
		this.checkLatency.register(latency, true);
		List<MultiGauge.Row<?>> groups = new ArrayList<>();
		List<MultiGauge.Row<?>> partitions = new ArrayList<>();
		for (Map.Entry<String, Map<Integer, Long>> group : status.kafka().lag().entrySet()) {
			groups.add(MultiGauge.Row.of(Tags.of("group", group.getKey()), status.kafka().totalLag(group.getKey())));
			group.getValue()
				.forEach((partition, lag) -> partitions.add(MultiGauge.Row
					.of(Tags.of("group", group.getKey(), "partition", String.valueOf(partition)), lag)));
		}
		this.groupLag.register(groups, true);
		this.partitionLag.register(partitions, true);
		List<MultiGauge.Row<?>> offsets = new ArrayList<>();
		status.kafka()
			.endOffsets()
			.forEach((partition, offset) -> offsets.add(MultiGauge.Row
				.of(Tags.of("topic", status.kafka().topic(), "partition", String.valueOf(partition)), offset)));
		this.endOffsets.register(offsets, true);
	}

	private static double value(AtomicReference<PipelineStatus> latest, Function<PipelineStatus, Number> value) {
		PipelineStatus status = latest.get();
		Number number = (status != null) ? value.apply(status) : null;
		return (number != null) ? number.doubleValue() : Double.NaN;
	}

}
