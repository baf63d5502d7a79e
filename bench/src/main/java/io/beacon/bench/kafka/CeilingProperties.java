package io.beacon.bench.kafka;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the producer ceiling runs; defaults in {@code producer-ceiling.yml}.
 *
 * @param topic where the records go
 * @param warmup how long to send before measuring
 * @param duration length of one measured run
 * @param runs how many measured runs, back to back
 * @param agents how many distinct agent ids (record keys) the records spread over
 * @param maxOutstanding records handed to the producer and not yet acknowledged, at most
 * @param scenario the name printed in the {@code BENCH} lines
 * @param brokerPids processes whose CPU time counts as the scenario's, besides this one
 */
@ConfigurationProperties("bench.producer")
record CeilingProperties(String topic, Duration warmup, Duration duration, int runs, int agents, int maxOutstanding,
		String scenario, List<Long> brokerPids) {

	CeilingProperties {
		brokerPids = (brokerPids != null) ? List.copyOf(brokerPids) : List.of();
	}

}
