package io.beacon.loadbalancer.admin;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.beacon.loadbalancer.config.LoadBalancerProperties;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Who may change the rotation: with {@code BEACON_ADMIN_TOKEN} set, whoever sends
 * {@code Authorization: Bearer <token>} ({@code 401} without, {@code 403} with another);
 * without it, clients on this machine only ({@code 403} for others).
 */
@Component
class AdminAccess implements WebFilter {

	private static final String BEARER = "Bearer ";

	private static final String ADMIN = "admin";

	private final byte[] token;

	AdminAccess(LoadBalancerProperties properties) {
		this.token = properties.adminTokenRequired() ? properties.adminToken().getBytes(StandardCharsets.UTF_8) : null;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!isAdminPath(exchange.getRequest().getPath().pathWithinApplication())) {
			return chain.filter(exchange);
		}
		if (this.token == null) {
			return loopback(exchange) ? chain.filter(exchange) : refuse(exchange, HttpStatus.FORBIDDEN,
					"/admin answers clients on this machine only (set BEACON_ADMIN_TOKEN to allow others)");
		}
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.startsWith(BEARER)) {
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			return refuse(exchange, HttpStatus.UNAUTHORIZED, "/admin requires Authorization: Bearer <token>");
		}
		byte[] given = authorization.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(given, this.token) ? chain.filter(exchange)
				: refuse(exchange, HttpStatus.FORBIDDEN, "the token is not the admin token");
	}

	/**
	 * Whether the path is under {@code /admin} as the router matches it: the first
	 * segment decoded and without {@code ;} parameters, so that {@code /%61dmin/backends}
	 * or {@code /admin;x/backends}, which the router takes for {@code /admin/backends},
	 * are guarded too.
	 */
	static boolean isAdminPath(PathContainer path) {
		for (PathContainer.Element element : path.elements()) {
			if (element instanceof PathContainer.PathSegment segment) {
				return segment.valueToMatch().equalsIgnoreCase(ADMIN);
			}
		}
		return false;
	}

	private static boolean loopback(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
	}

	private static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String message) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		String error = (status == HttpStatus.UNAUTHORIZED) ? "unauthorized" : "forbidden";
		byte[] body = ("{\"error\":\"" + error + "\",\"message\":\"" + message + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
