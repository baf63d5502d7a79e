package io.beacon.loadbalancer.route;

import java.net.ConnectException;
import java.net.URI;

import io.beacon.loadbalancer.backend.Backend;
import io.beacon.loadbalancer.backend.BackendRegistry;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sends each ingest request to the next healthy gateway in turn. A gateway that refuses
 * the connection leaves rotation at once (the health checks bring it back) and the
 * request goes once more, to another one: nothing was sent, so nothing can be repeated. A
 * request that reached a gateway is never sent again. With no healthy gateway left the
 * client gets a {@code 503}, never a blind attempt.
 * <p>
 * The retry is done here rather than by Spring Cloud Gateway's {@code Retry} filter: that
 * one caches every request body in case it is needed, a fifth of the proxy's CPU time
 * under load, while a refused connection has never read the body.
 */
@Component
class BackendChooser implements GlobalFilter, Ordered {

	/** The route's URI until a backend is chosen. */
	static final String PLACEHOLDER = "http://gateways.invalid";

	private final BackendRegistry registry;

	private final ProxyErrors errors;

	BackendChooser(BackendRegistry registry, ProxyErrors errors) {
		this.registry = registry;
		this.errors = errors;
	}

	/** Right after the route's URL is set, before anything is sent. */
	@Override
	public int getOrder() {
		return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null || !RouteConfiguration.INGEST_ROUTE.equals(route.getId())) {
			return chain.filter(exchange);
		}
		URI requested = exchange.getRequiredAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		Backend first = this.registry.next(null);
		if (first == null) {
			return this.errors.noHealthyGateway(exchange);
		}
		return send(exchange, chain, requested, first).onErrorResume(ConnectException.class, (refused) -> {
			Backend second = this.registry.next(first);
			ServerWebExchangeUtils.reset(exchange);
			if (second == null) {
				return this.errors.noHealthyGateway(exchange);
			}
			return send(exchange, chain, requested, second);
		});
	}

	private Mono<Void> send(ServerWebExchange exchange, GatewayFilterChain chain, URI requested, Backend backend) {
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, target(requested, backend));
		long start = System.nanoTime();
		backend.sending();
		return chain.filter(exchange)
			.doOnSuccess((done) -> backend.answered(System.nanoTime() - start, serverError(exchange)))
			.doOnError((ex) -> {
				backend.answered(System.nanoTime() - start, true);
				if (ex instanceof ConnectException) {
					backend.connectionFailed("connection failed: " + ex.getMessage());
				}
			})
			// a client that went away is not the gateway's failure
			.doOnCancel(() -> backend.answered(System.nanoTime() - start, false));
	}

	/** The requested path and query, at the backend's address. */
	private static URI target(URI requested, Backend backend) {
		String query = requested.getRawQuery();
		String path = requested.getRawPath();
		return URI.create((query != null) ? backend.base() + path + "?" + query : backend.base() + path);
	}

	private static boolean serverError(ServerWebExchange exchange) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		return status != null && status.is5xxServerError();
	}

}
