package io.beacon.loadbalancer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.beacon.loadbalancer.backend.Backend;
import io.beacon.loadbalancer.backend.BackendRegistry;
import io.beacon.testsupport.OwnEventLoops;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A real load balancer in this JVM on a random port, with an HTTP client for it. */
final class RunningLoadBalancer implements AutoCloseable {

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * For a test whose stand-in gateway must stay in rotation: its health check may take
	 * 5 s instead of 1 s, since on a machine under heavy load two checks in a row can
	 * miss 1 s and take it out. A check that passes ends as soon as the answer comes, and
	 * a refused connection fails at once: no slower on a quiet machine.
	 */
	static final String PATIENT_HEALTH_CHECK = "beacon.load-balancer.health-check.timeout=5s";

	private final ConfigurableApplicationContext context;

	private RunningLoadBalancer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start a load balancer.
	 * @param gatewayUrls its gateways at start-up, comma-separated (may be empty)
	 * @param properties more properties, {@code name=value}
	 * @return the running load balancer
	 */
	static RunningLoadBalancer start(String gatewayUrls, String... properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				"--beacon.load-balancer.gateway-urls=" + gatewayUrls, "--spring.main.banner-mode=off"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return new RunningLoadBalancer(new SpringApplicationBuilder(LoadBalancerApplication.class, OwnEventLoops.class)
			.run(args.toArray(String[]::new)));
	}

	int port() {
		return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	String url() {
		return "http://127.0.0.1:" + port();
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(url() + path)).GET());
	}

	HttpResponse<String> post(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(url() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/**
	 * Send a request, failing after {@link #REQUEST_TIMEOUT} instead of waiting for good:
	 * a request the load balancer never answers (as with reactor-netty#4361, a keep-alive
	 * connection no longer read) fails its test within a minute, not at CI's limit.
	 */
	HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The registered backend with this address. */
	Backend backend(String url) {
		return this.context.getBean(BackendRegistry.class)
			.all()
			.stream()
			.filter((backend) -> backend.url().toString().equals(url))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no backend " + url));
	}

	@Override
	public void close() {
		this.context.close();
	}

}
