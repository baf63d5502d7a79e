package io.beacon.loadbalancer.backend;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.beacon.loadbalancer.config.LoadBalancerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Checks every gateway's health endpoint each {@code interval}, all at once, each with a
 * timeout: a {@code 2xx} puts it (back) in rotation; {@code unhealthy-after} failures in
 * a row take it out, with the reason.
 */
public final class HealthChecker implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(HealthChecker.class);

	private final BackendRegistry registry;

	private final WebClient client;

	private final LoadBalancerProperties.HealthCheck settings;

	private final Clock clock;

	private volatile Disposable schedule;

	public HealthChecker(BackendRegistry registry, WebClient client, LoadBalancerProperties.HealthCheck settings,
			Clock clock) {
		this.registry = registry;
		this.client = client;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public void start() {
		this.schedule = Flux.interval(Duration.ZERO, this.settings.interval())
			.onBackpressureDrop()
			.concatMap((tick) -> checkAll(), 0)
			.subscribe();
	}

	/** Check every backend once, now. */
	public Mono<Void> checkAll() {
		return Flux.fromIterable(this.registry.all()).flatMap(this::check).then();
	}

	/**
	 * Check one backend now.
	 * @param backend the backend
	 * @return done when its health is known
	 */
	public Mono<Void> check(Backend backend) {
		return this.client.get()
			.uri(backend.url().resolve(this.settings.path()))
			.exchangeToMono((response) -> response.releaseBody()
				.thenReturn(response.statusCode().is2xxSuccessful() ? ""
						: "health check answered " + response.statusCode().value()))
			.timeout(this.settings.timeout())
			.onErrorResume((ex) -> Mono.just(describe(ex)))
			.doOnNext((problem) -> record(backend, problem))
			.then();
	}

	private void record(Backend backend, String problem) {
		boolean wasHealthy = backend.healthy();
		backend.checked(problem.isEmpty() ? null : problem, this.settings.unhealthyAfter(), this.clock.instant());
		boolean healthy = backend.healthy();
		if (healthy != wasHealthy) {
			if (healthy) {
				logger.info("Gateway {} is healthy: back in rotation", backend.url());
			}
			else {
				logger.warn("Gateway {} is unhealthy ({}): out of rotation", backend.url(), problem);
			}
		}
	}

	private String describe(Throwable ex) {
		if (ex instanceof TimeoutException) {
			return "health check timed out after " + this.settings.timeout().toMillis() + " ms";
		}
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		String message = cause.getMessage();
		return "health check failed: " + cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	@Override
	public void stop() {
		Disposable current = this.schedule;
		if (current != null) {
			current.dispose();
		}
		this.schedule = null;
	}

	@Override
	public boolean isRunning() {
		return this.schedule != null;
	}

}
