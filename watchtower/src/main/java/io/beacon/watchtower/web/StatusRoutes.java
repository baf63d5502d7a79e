package io.beacon.watchtower.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.beacon.watchtower.config.WatchtowerProperties;
import io.beacon.watchtower.services.PipelineStatus;
import io.beacon.watchtower.services.ServiceCheck;
import io.beacon.watchtower.services.Watch;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /status}: the latest poll, pretty-printed JSON; {@code GET /metrics}: the
 * same as {@code /actuator/prometheus}; {@code GET /prometheus/targets}: every service,
 * for Prometheus' {@code http_sd_configs}. Any other method on them is a {@code 405}.
 */
@Configuration(proxyBeanMethods = false)
class StatusRoutes implements WebFluxConfigurer {

	private static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain;version=0.0.4;charset=utf-8");

	private final WatchtowerProperties properties;

	StatusRoutes(WatchtowerProperties properties) {
		this.properties = properties;
	}

	@Bean
	RouterFunction<ServerResponse> statusRouter(Watch watch, PrometheusMeterRegistry prometheus) {
		return RouterFunctions.route()
			.GET("/status", (request) -> watch.latest()
				.flatMap((status) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(status))
				.switchIfEmpty(Mono.defer(() -> ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
					.header(HttpHeaders.RETRY_AFTER, "1")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("error", "starting", "message", "the first poll has not ended yet")))))
			.GET("/metrics",
					(request) -> ServerResponse.ok().contentType(PROMETHEUS_TEXT).bodyValue(prometheus.scrape()))
			.GET("/prometheus/targets", (request) -> watch.latest()
				.map(StatusRoutes::targets)
				.defaultIfEmpty(List.of())
				.flatMap((targets) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(targets)))
			.route(RequestPredicates.path("/status")
				.or(RequestPredicates.path("/metrics"))
				.or(RequestPredicates.path("/prometheus/targets")),
					(request) -> ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
						.header(HttpHeaders.ALLOW, "GET")
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(Map.of("error", "method_not_allowed", "message", "use GET")))
			.build();
	}

	/**
	 * Every service of the last poll in Prometheus' HTTP service-discovery format, so
	 * that Prometheus scrapes hot-added gateways too.
	 */
	private static List<Map<String, Object>> targets(PipelineStatus status) {
		List<Map<String, Object>> targets = new ArrayList<>();
		for (ServiceCheck service : status.services()) {
			URI url = URI.create(service.url());
			targets.add(Map.of("targets", List.of(url.getHost() + ":" + url.getPort()), "labels",
					Map.of("service", service.name(), "kind", service.kind())));
		}
		return targets;
	}

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		registry.addMapping("/status")
			.allowedOrigins(this.properties.cors().allowedOrigins().toArray(String[]::new))
			.allowedMethods("GET");
	}

}
