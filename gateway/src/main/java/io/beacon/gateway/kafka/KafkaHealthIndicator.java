package io.beacon.gateway.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Kafka reachability as part of {@code /actuator/health}: a gateway that cannot reach its
 * broker answers nothing but 503s and should leave the load balancer's rotation.
 */
@Component("kafka")
class KafkaHealthIndicator implements ReactiveHealthIndicator, DisposableBean {

	private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

	private final Admin admin;

	private final String bootstrapServers;

	KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		Map<String, Object> config = kafkaAdmin.getConfigurationProperties();
		this.admin = Admin.create(config);
		Object servers = config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
		this.bootstrapServers = (servers instanceof Collection<?> list)
				? list.stream().map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(servers);
	}

	@Override
	public Mono<Health> health() {
		DescribeClusterResult cluster = this.admin
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) CHECK_TIMEOUT.toMillis()));
		return Mono.fromCompletionStage(cluster.nodes().toCompletionStage())
			.map((nodes) -> Health.up()
				.withDetail("bootstrapServers", this.bootstrapServers)
				.withDetail("brokers", nodes.size())
				.build())
			.timeout(CHECK_TIMEOUT.plusMillis(500))
			.onErrorResume((ex) -> Mono.just(Health.down()
				.withDetail("bootstrapServers", this.bootstrapServers)
				.withDetail("error", "broker unreachable: " + ex.getClass().getSimpleName())
				.build()));
	}

	@Override
	public void destroy() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
