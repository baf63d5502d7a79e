package io.beacon.loadbalancer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.beacon.gateway.GatewayApplication;
import io.beacon.testsupport.ChildJvm;
import io.beacon.testsupport.FreePorts;

import static org.awaitility.Awaitility.await;

/**
 * A real gateway as a child JVM on a port of its own, which a test can kill with SIGKILL
 * and start again on the same port. Its log goes under {@code target/gateway-process/}.
 */
final class GatewayProcess implements AutoCloseable {

	static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final int port;

	private final String bootstrapServers;

	private final String topic;

	private Process process;

	private GatewayProcess(int port, String bootstrapServers, String topic) {
		this.port = port;
		this.bootstrapServers = bootstrapServers;
		this.topic = topic;
	}

	/** Start a gateway on a free port; {@link #awaitReady()} waits until it answers. */
	static GatewayProcess start(String bootstrapServers, String topic) {
		GatewayProcess gateway = new GatewayProcess(FreePorts.next(), bootstrapServers, topic);
		gateway.start();
		return gateway;
	}

	synchronized GatewayProcess start() {
		try {
			Path dir = Files.createDirectories(Path.of("target", "gateway-process"));
			Path log = dir.resolve("gateway-" + this.port + ".log");
			List<String> command = ChildJvm.command(GatewayApplication.class, "192m",
					List.of("--server.port=" + this.port, "--spring.kafka.bootstrap-servers=" + this.bootstrapServers,
							"--beacon.gateway.topic=" + this.topic, "--spring.main.banner-mode=off",
							// the load balancer's own classpath carries Spring Cloud
							// Gateway
							"--spring.cloud.gateway.server.webflux.enabled=false"));
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			Process started = this.process;
			Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	GatewayProcess awaitReady() {
		await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(this::healthy);
		return this;
	}

	private boolean healthy() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("gateway on port " + this.port + " exited; see target/gateway-process");
		}
		try {
			HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
				.timeout(Duration.ofSeconds(2))
				.build(), HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/** SIGKILL: no shutdown, connections cut. */
	synchronized void kill() {
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("gateway " + this.port + " survived SIGKILL");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

}
