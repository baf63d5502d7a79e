package io.beacon.loadbalancer.backend;

import java.time.Clock;
import java.time.Duration;

import io.beacon.loadbalancer.config.LoadBalancerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
class BackendConfiguration {

	@Bean
	BackendRegistry backendRegistry(MeterRegistry meters, LoadBalancerProperties properties) {
		BackendRegistry registry = new BackendRegistry(meters);
		for (String url : properties.gatewayUrls()) {
			if (!url.isBlank()) {
				registry.add(BackendUrl.parse(url));
			}
		}
		return registry;
	}

	@Bean
	HealthChecker healthChecker(BackendRegistry registry, LoadBalancerProperties properties) {
		Duration timeout = properties.healthCheck().timeout();
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
			.responseTimeout(timeout);
		return new HealthChecker(registry,
				WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build(),
				properties.healthCheck(), Clock.systemUTC());
	}

}
