package io.beacon.broadcaster.web;

import java.util.Map;

import io.beacon.broadcaster.config.BroadcasterProperties;
import io.beacon.broadcaster.stream.Hub;
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
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /stream}, readable by the dashboard's origin; any other method is a
 * {@code 405}.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebFluxConfigurer {

	private static final String STREAM_PATH = "/stream";

	private final BroadcasterProperties properties;

	WebConfiguration(BroadcasterProperties properties) {
		this.properties = properties;
	}

	@Bean
	RouterFunction<ServerResponse> streamRoutes(Hub hub) {
		StreamHandler handler = new StreamHandler(hub);
		return RouterFunctions.route()
			.GET(STREAM_PATH, handler::stream)
			.route(RequestPredicates.path(STREAM_PATH), WebConfiguration::methodNotAllowed)
			.build();
	}

	private static Mono<ServerResponse> methodNotAllowed(ServerRequest request) {
		return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
			.header(HttpHeaders.ALLOW, "GET")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("error", "method_not_allowed", "message", "use GET"));
	}

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		registry.addMapping(STREAM_PATH)
			.allowedOrigins(this.properties.cors().allowedOrigins().toArray(String[]::new))
			.allowedMethods("GET");
	}

}
