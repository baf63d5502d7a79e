package io.beacon.broadcaster.ws;

import java.util.Map;

import io.beacon.broadcaster.config.BroadcasterProperties;
import io.beacon.broadcaster.stream.Hub;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/**
 * {@code /ws}, open to the configured browser origins: an upgrade request from any other
 * origin is refused with 403; clients that send no {@code Origin} are not browsers and
 * may connect.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

	@Bean
	SimpleUrlHandlerMapping liveSocketMapping(Hub hub, JsonMapper mapper, BroadcasterProperties properties) {
		CorsConfiguration cors = new CorsConfiguration();
		properties.cors().allowedOrigins().forEach(cors::addAllowedOrigin);
		cors.addAllowedMethod("GET");
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(
				Map.of("/ws", new LiveSocketHandler(hub, new ClientMessages(mapper))), Ordered.HIGHEST_PRECEDENCE);
		mapping.setCorsConfigurations(Map.of("/ws", cors));
		return mapping;
	}

}
