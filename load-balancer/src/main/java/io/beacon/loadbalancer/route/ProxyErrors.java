package io.beacon.loadbalancer.route;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

import io.beacon.loadbalancer.config.LoadBalancerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a client hears when no gateway answered, as JSON: {@code 503} with
 * {@code Retry-After} when none could be reached (nothing was sent: retrying is safe),
 * {@code 502} when one failed after the request was sent, {@code 504} when one did not
 * answer in time; {@code 404} for any path but {@code /ingest/**}, {@code /admin/**} and
 * {@code /actuator/**}. Other errors are left to Spring Boot's handler.
 */
@Component
@Order(-2)
class ProxyErrors implements ErrorWebExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProxyErrors.class);

	private final String retryAfter;

	ProxyErrors(LoadBalancerProperties properties) {
		this.retryAfter = Long.toString(Math.max(1, properties.retryAfter().toSeconds()));
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		if (ex instanceof ResponseStatusException status && status.getStatusCode().value() == 404) {
			return write(exchange, HttpStatus.NOT_FOUND, "not_found",
					"nothing here: agents POST to /ingest/state or /ingest/batch", false);
		}
		if (ex instanceof ConnectException) {
			return write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "gateway_unavailable",
					"no gateway could be reached; nothing was sent, retry", true);
		}
		if (isTimeout(ex)) {
			return write(exchange, HttpStatus.GATEWAY_TIMEOUT, "gateway_timeout",
					"the gateway did not answer in time; the event may or may not have been accepted", false);
		}
		if (ex instanceof IOException) {
			logger.debug("Gateway failed after the request was sent: {}", ex.toString());
			return write(exchange, HttpStatus.BAD_GATEWAY, "bad_gateway",
					"the gateway failed before answering; the event may or may not have been accepted", false);
		}
		return Mono.error(ex);
	}

	Mono<Void> noHealthyGateway(ServerWebExchange exchange) {
		return write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "no_healthy_gateway",
				"no gateway is healthy; nothing was sent, retry", true);
	}

	private static boolean isTimeout(Throwable ex) {
		return ex instanceof TimeoutException || (ex.getCause() instanceof TimeoutException)
				|| (ex instanceof ResponseStatusException status
						&& status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value());
	}

	private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String error, String message,
			boolean retry) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		if (retry) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, this.retryAfter);
		}
		byte[] body = ("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
