package io.beacon.loadbalancer.route;

import java.net.ConnectException;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The one route: {@code /ingest/**} to the gateways. Its URI is a placeholder that
 * {@link BackendChooser} replaces with the gateway whose turn it is. A request whose
 * connection was refused (so nothing was sent) is tried once more, on another gateway; a
 * request that reached a gateway is never repeated.
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

	static final String INGEST_ROUTE = "ingest";

	@Bean
	@SuppressWarnings("unchecked") // setExceptions(Class<? extends Throwable>...)
	RouteLocator ingestRoute(RouteLocatorBuilder routes) {
		return routes.routes()
			.route(INGEST_ROUTE,
					(route) -> route.path("/ingest/**")
						.filters((filters) -> filters.retry((retry) -> retry.setRetries(1)
							.setMethods(HttpMethod.values())
							.setSeries()
							.setStatuses()
							.setExceptions(ConnectException.class)))
						.uri(BackendChooser.PLACEHOLDER))
			.build();
	}

}
