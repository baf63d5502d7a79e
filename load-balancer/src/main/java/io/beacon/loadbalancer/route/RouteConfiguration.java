package io.beacon.loadbalancer.route;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one route: {@code /ingest/**} to the gateways. Its URI is a placeholder that
 * {@link BackendChooser} replaces with the gateway whose turn it is (and retries on
 * another when the connection is refused).
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

	static final String INGEST_ROUTE = "ingest";

	@Bean
	RouteLocator ingestRoute(RouteLocatorBuilder routes) {
		return routes.routes()
			.route(INGEST_ROUTE, (route) -> route.path("/ingest/**").uri(BackendChooser.PLACEHOLDER))
			.build();
	}

}
