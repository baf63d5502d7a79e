package io.beacon.loadbalancer.admin;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.beacon.loadbalancer.backend.Backend;
import io.beacon.loadbalancer.backend.BackendRegistry;
import io.beacon.loadbalancer.backend.BackendUrl;
import io.beacon.loadbalancer.backend.HealthChecker;
import io.beacon.loadbalancer.backend.InvalidBackendUrlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code /admin/backends}: list the gateways, add one ({@code POST {"url":…}}), remove
 * one ({@code DELETE {"url":…}} or {@code ?url=}); any other method is a {@code 405}.
 * Changes take effect with the next request.
 */
@Configuration(proxyBeanMethods = false)
class AdminRoutes {

	private static final Logger logger = LoggerFactory.getLogger(AdminRoutes.class);

	private final BackendRegistry registry;

	private final HealthChecker healthChecker;

	private final JsonMapper mapper;

	AdminRoutes(BackendRegistry registry, HealthChecker healthChecker, JsonMapper mapper) {
		this.registry = registry;
		this.healthChecker = healthChecker;
		this.mapper = mapper;
	}

	@Bean
	RouterFunction<ServerResponse> adminBackends() {
		return RouterFunctions.route()
			.GET("/admin/backends", (request) -> ok(HttpStatus.OK, list()))
			.POST("/admin/backends", this::add)
			.DELETE("/admin/backends", this::remove)
			.route(RequestPredicates.path("/admin/backends"),
					(request) -> ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
						.header(HttpHeaders.ALLOW, "GET, POST, DELETE")
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(Map.of("error", "method_not_allowed", "message", "use GET, POST or DELETE")))
			.build();
	}

	private Mono<ServerResponse> add(ServerRequest request) {
		return url(request).flatMap((url) -> {
			BackendRegistry.Added added = this.registry.add(url);
			if (added.created()) {
				logger.info("Gateway {} added to the rotation", url);
			}
			// the first check runs at once: an unreachable gateway leaves rotation within
			// the timeout
			return this.healthChecker.check(added.backend())
				.then(ok(added.created() ? HttpStatus.CREATED : HttpStatus.OK, describe(added.backend())));
		})
			.onErrorResume(InvalidBackendUrlException.class, (ex) -> badRequest(ex.getMessage()))
			.onErrorResume(DataBufferLimitException.class, (ex) -> tooLarge());
	}

	private Mono<ServerResponse> remove(ServerRequest request) {
		Mono<URI> url = request.queryParam("url").isPresent()
				? Mono.fromCallable(() -> BackendUrl.parse(request.queryParam("url").get())) : url(request);
		return url.flatMap((target) -> this.registry.remove(target).map((backend) -> {
			logger.info("Gateway {} removed from the rotation ({} requests in flight finish)", target,
					backend.inFlight());
			return ok(HttpStatus.OK, describe(backend));
		})
			.orElseGet(() -> ServerResponse.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("error", "not_found", "message", "no backend " + target))))
			.onErrorResume(InvalidBackendUrlException.class, (ex) -> badRequest(ex.getMessage()))
			.onErrorResume(DataBufferLimitException.class, (ex) -> tooLarge());
	}

	/** The {@code url} of a JSON body. */
	private Mono<URI> url(ServerRequest request) {
		return request.bodyToMono(String.class).defaultIfEmpty("").map((body) -> {
			JsonNode json;
			try {
				json = this.mapper.readTree(body);
			}
			catch (JacksonException ex) {
				throw new InvalidBackendUrlException("the body must be JSON: {\"url\":\"http://host:port\"}");
			}
			if (json == null || !json.isObject() || !json.path("url").isString()) {
				throw new InvalidBackendUrlException("the body must be JSON: {\"url\":\"http://host:port\"}");
			}
			return BackendUrl.parse(json.path("url").asString());
		});
	}

	private List<Map<String, Object>> list() {
		return this.registry.all().stream().map(AdminRoutes::describe).toList();
	}

	private static Map<String, Object> describe(Backend backend) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("url", backend.url().toString());
		description.put("healthy", backend.healthy());
		description.put("in_rotation", backend.healthy());
		description.put("requests", backend.requests());
		description.put("errors", backend.errors());
		description.put("in_flight", backend.inFlight());
		description.put("last_checked", backend.lastChecked());
		description.put("problem", backend.problem());
		return description;
	}

	private static Mono<ServerResponse> ok(HttpStatus status, Object body) {
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	/** A body over the codecs' in-memory limit (256 KiB); {"url":…} needs a few bytes. */
	private static Mono<ServerResponse> tooLarge() {
		return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					Map.of("error", "payload_too_large", "message", "the body must be {\"url\":\"http://host:port\"}"));
	}

	private static Mono<ServerResponse> badRequest(String message) {
		return ServerResponse.badRequest()
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("error", "invalid_backend", "message", message));
	}

}
