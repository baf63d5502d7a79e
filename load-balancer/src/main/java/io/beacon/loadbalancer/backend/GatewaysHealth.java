package io.beacon.loadbalancer.backend;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The gateways as part of {@code /actuator/health}: DOWN when none is healthy, since
 * every ingest request then gets a {@code 503}.
 */
@Component("gateways")
class GatewaysHealth implements HealthIndicator {

	private final BackendRegistry registry;

	GatewaysHealth(BackendRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Health health() {
		long healthy = this.registry.all().stream().filter(Backend::healthy).count();
		Health.Builder health = (healthy > 0) ? Health.up() : Health.down().withDetail("error", "no healthy gateway");
		return health.withDetail("healthy", healthy).withDetail("total", this.registry.all().size()).build();
	}

}
