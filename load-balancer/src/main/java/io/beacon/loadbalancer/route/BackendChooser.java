package io.beacon.loadbalancer.route;

import java.net.ConnectException;
import java.net.URI;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sends each ingest request to the next healthy gateway in turn. A gateway that refuses
 * the connection leaves rotation at once (the health checks bring it back), and the retry
 * that follows goes to another one. With no healthy gateway left the client gets a
 * {@code 503}, never a blind attempt.
 */
@Component
class BackendChooser implements GlobalFilter, Ordered {

	/** The route's URI until a backend is chosen. */
	static final String PLACEHOLDER = "http://gateways.invalid";

	/** The backends this request could not connect to, across retries. */
	private static final String TRIED = BackendChooser.class.getName() + ".tried";

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
		Set<Backend> tried = tried(exchange);
		Optional<Backend> chosen = this.registry.next(tried);
		if (chosen.isEmpty()) {
			return this.errors.noHealthyGateway(exchange);
		}
		Backend backend = chosen.get();
		tried.add(backend);
		URI requested = exchange.getRequiredAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		URI target = UriComponentsBuilder.fromUri(requested)
			.scheme(backend.url().getScheme())
			.host(backend.url().getHost())
			.port(backend.url().getPort())
			.build(true)
			.toUri();
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, target);
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

	@SuppressWarnings("unchecked")
	private static Set<Backend> tried(ServerWebExchange exchange) {
		return (Set<Backend>) exchange.getAttributes().computeIfAbsent(TRIED, (key) -> new HashSet<Backend>());
	}

	private static boolean serverError(ServerWebExchange exchange) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		return status != null && status.is5xxServerError();
	}

}
