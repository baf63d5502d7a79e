package io.beacon.broadcaster.kafka;

import java.util.Map;

import io.beacon.broadcaster.stream.Hub;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The consumer as part of {@code /actuator/health}: DOWN while the broker is unreachable,
 * the topic missing, or the consumer stopped, since no event then reaches a client.
 */
@Component("kafka")
class ConsumerState implements HealthIndicator {

	private final Hub hub;

	private volatile Metric connections;

	private volatile int partitions;

	private volatile String problem = "starting";

	private volatile Throwable failure;

	ConsumerState(Hub hub) {
		this.hub = hub;
	}

	/** Find the consumer's count of open broker connections among its metrics. */
	void watch(Map<MetricName, ? extends Metric> metrics) {
		metrics.forEach((name, metric) -> {
			if (name.name().equals("connection-count") && name.group().equals("consumer-metrics")) {
				this.connections = metric;
			}
		});
	}

	void assigned(int partitions) {
		this.partitions = partitions;
		this.problem = null;
	}

	void topicMissing(String topic) {
		this.problem = "topic " + topic + " does not exist";
	}

	void unreachable(Exception ex) {
		this.problem = "broker unreachable: " + ex.getClass().getSimpleName();
	}

	void stopped(Throwable ex) {
		this.failure = ex;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up();
		Throwable failed = this.failure;
		String trouble = this.problem;
		if (failed != null) {
			health = Health.down().withDetail("error", "consumer stopped: " + failed);
		}
		else if (trouble != null) {
			health = Health.down().withDetail("error", trouble);
		}
		else if (!connected()) {
			health = Health.down().withDetail("error", "broker unreachable");
		}
		return health.withDetail("partitions", this.partitions)
			.withDetail("agents", this.hub.agents())
			.withDetail("clients", this.hub.clients())
			.withDetail("eventsReceived", this.hub.received())
			.build();
	}

	private boolean connected() {
		Metric metric = this.connections;
		return metric == null || !(metric.metricValue() instanceof Double count) || count > 0;
	}

}
