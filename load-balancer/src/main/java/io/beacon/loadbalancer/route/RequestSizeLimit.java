package io.beacon.loadbalancer.route;

import java.nio.charset.StandardCharsets;

import io.beacon.loadbalancer.config.LoadBalancerProperties;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses a request whose announced body is over
 * {@code beacon.load-balancer.max-request-size} with {@code 413} before any of it is read
 * or sent to a gateway. A body sent in chunks without a length is streamed through, and
 * the gateway's own limit (the same 1 MiB by default) answers it.
 */
@Component
class RequestSizeLimit implements WebFilter, Ordered {

	private final long maxBytes;

	private final byte[] body;

	RequestSizeLimit(LoadBalancerProperties properties) {
		this.maxBytes = properties.maxRequestSize().toBytes();
		this.body = ("{\"error\":\"payload_too_large\",\"message\":\"request body exceeds " + this.maxBytes
				+ " bytes; split it into smaller requests\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getHeaders().getContentLength() <= this.maxBytes) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(this.body)));
	}

}
