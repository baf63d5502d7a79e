package io.beacon.watchtower.services;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Asks a service's {@code /actuator/health} and says what it found: {@code up} for a 200
 * with status UP, {@code down} with the components that are not (and their errors) for
 * anything else it answered, {@code unreachable} with the reason when it did not answer
 * within the timeout. Also asks the load balancer which gateways it has.
 */
public final class HealthPoller {

	private static final int MAX_ERROR_LENGTH = 300;

	private final WebClient client;

	private final Duration timeout;

	private final JsonMapper mapper;

	private final Clock clock;

	public HealthPoller(WebClient client, Duration timeout, JsonMapper mapper, Clock clock) {
		this.client = client;
		this.timeout = timeout;
		this.mapper = mapper;
		this.clock = clock;
	}

	/**
	 * Check one service; never fails.
	 * @param service the service
	 * @return what its health endpoint said
	 */
	public Mono<ServiceCheck> check(Service service) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return this.client.get()
				.uri(service.url() + "/actuator/health")
				.exchangeToMono((response) -> response.bodyToMono(String.class)
					.defaultIfEmpty("")
					.map((body) -> evaluate(service, response.statusCode().value(), body, start)))
				.timeout(this.timeout)
				.onErrorResume((ex) -> Mono.just(new ServiceCheck(service.name(), service.kind(), service.url(),
						ServiceCheck.UNREACHABLE, null, millisSince(start), this.clock.instant(), describe(ex))));
		});
	}

	/**
	 * The gateways the load balancer has, by {@code /admin/backends}.
	 * @param loadBalancerUrl the load balancer
	 * @return their base addresses; empty when the load balancer did not answer
	 */
	public Mono<List<String>> gateways(String loadBalancerUrl) {
		return this.client.get()
			.uri(loadBalancerUrl + "/admin/backends")
			.retrieve()
			.bodyToMono(String.class)
			.timeout(this.timeout)
			.map(this::backendUrls)
			.onErrorResume((ex) -> Mono.just(List.of()));
	}

	private List<String> backendUrls(String body) {
		List<String> urls = new ArrayList<>();
		JsonNode backends = this.mapper.readTree(body);
		for (JsonNode backend : backends) {
			if (backend.path("url").isString()) {
				urls.add(backend.path("url").asString());
			}
		}
		return urls;
	}

	private ServiceCheck evaluate(Service service, int code, String body, long start) {
		long latency = millisSince(start);
		String status;
		String error;
		JsonNode health = parse(body);
		if (health == null || !health.path("status").isString()) {
			status = ServiceCheck.DOWN;
			error = "health answered " + code + " with "
					+ (body.isBlank() ? "no body" : "something else than health JSON: " + abbreviate(body.strip()));
		}
		else if (code == 200 && "UP".equals(health.path("status").asString())) {
			status = ServiceCheck.UP;
			error = null;
		}
		else {
			status = ServiceCheck.DOWN;
			error = "health " + health.path("status").asString() + " (" + code + ")" + troubles(health);
		}
		return new ServiceCheck(service.name(), service.kind(), service.url(), status, code, latency,
				this.clock.instant(), error);
	}

	/** The components that are not UP, with their error when they give one. */
	private static String troubles(JsonNode health) {
		StringBuilder troubles = new StringBuilder();
		for (Map.Entry<String, JsonNode> component : health.path("components").properties()) {
			String status = component.getValue().path("status").asString("");
			if (!status.isEmpty() && !"UP".equals(status)) {
				troubles.append(troubles.isEmpty() ? ": " : "; ").append(component.getKey()).append(' ').append(status);
				JsonNode error = component.getValue().path("details").path("error");
				if (error.isString()) {
					troubles.append(" - ").append(error.asString());
				}
			}
		}
		return abbreviate(troubles.toString());
	}

	private JsonNode parse(String body) {
		try {
			JsonNode json = this.mapper.readTree(body);
			return (json != null && json.isObject()) ? json : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private String describe(Throwable ex) {
		if (ex instanceof TimeoutException) {
			return "no answer within " + this.timeout.toMillis() + " ms";
		}
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + abbreviate(message) : "");
	}

	private static String abbreviate(String text) {
		return (text.length() <= MAX_ERROR_LENGTH) ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
	}

	private static long millisSince(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

}
