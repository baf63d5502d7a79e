package io.beacon.broadcaster.web;

import io.beacon.broadcaster.config.BroadcasterProperties;
import io.beacon.broadcaster.stream.Hub;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code GET /stream}, readable by the dashboard's origin. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebFluxConfigurer {

	private final BroadcasterProperties properties;

	WebConfiguration(BroadcasterProperties properties) {
		this.properties = properties;
	}

	@Bean
	RouterFunction<ServerResponse> streamRoutes(Hub hub) {
		StreamHandler handler = new StreamHandler(hub);
		return RouterFunctions.route().GET("/stream", handler::stream).build();
	}

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		registry.addMapping("/stream")
			.allowedOrigins(this.properties.cors().allowedOrigins().toArray(String[]::new))
			.allowedMethods("GET");
	}

}
