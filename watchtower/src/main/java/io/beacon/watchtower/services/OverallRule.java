package io.beacon.watchtower.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.beacon.watchtower.kafka.KafkaState;

/**
 * The pipeline's overall state:
 * <ul>
 * <li>{@code down} when no event can be accepted: the broker is unreachable, the load
 * balancer is not up, or no gateway is up;</li>
 * <li>{@code degraded} when events are accepted but something is wrong: a service is not
 * up (one gateway of several, the archiver, the broadcaster), the topic is missing, or a
 * consumer group is more than {@code degraded-lag} records behind;</li>
 * <li>{@code up} otherwise.</li>
 * </ul>
 */
public final class OverallRule {

	public static final String UP = "up";

	public static final String DEGRADED = "degraded";

	public static final String DOWN = "down";

	private OverallRule() {
	}

	/**
	 * Decide.
	 * @param services every service checked
	 * @param kafka the broker
	 * @param lag total lag per group
	 * @param degradedLag the most lag that is still {@code up}
	 * @return the status and why it is not {@code up}
	 */
	public static Verdict judge(List<ServiceCheck> services, KafkaState kafka, Map<String, Long> lag,
			long degradedLag) {
		List<String> down = new ArrayList<>();
		List<String> degraded = new ArrayList<>();
		if (!kafka.reachable()) {
			down.add("Kafka unreachable: " + kafka.error());
		}
		else if (kafka.error() != null) {
			degraded.add(kafka.error());
		}
		boolean anyGatewayUp = false;
		for (ServiceCheck check : services) {
			if (Service.GATEWAY.equals(check.kind()) && check.isUp()) {
				anyGatewayUp = true;
			}
			if (!check.isUp()) {
				("load-balancer".equals(check.kind()) ? down : degraded)
					.add(check.name() + " " + check.status() + ((check.error() != null) ? ": " + check.error() : ""));
			}
		}
		if (!anyGatewayUp) {
			down.add("no gateway is up");
		}
		lag.forEach((group, total) -> {
			if (total > degradedLag) {
				degraded.add(group + " is " + total + " records behind (more than " + degradedLag + ")");
			}
		});
		List<String> reasons = new ArrayList<>(down);
		reasons.addAll(degraded);
		String status = !down.isEmpty() ? DOWN : !degraded.isEmpty() ? DEGRADED : UP;
		return new Verdict(status, reasons);
	}

	/**
	 * The overall state.
	 *
	 * @param status {@code up}, {@code degraded} or {@code down}
	 * @param reasons why it is not {@code up}, most serious first
	 */
	public record Verdict(String status, List<String> reasons) {

	}

}
