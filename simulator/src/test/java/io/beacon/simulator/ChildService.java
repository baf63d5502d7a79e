package io.beacon.simulator;

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

import static org.awaitility.Awaitility.await;

/**
 * A service of the pipeline as a child process of the test, healthy once its
 * {@code /actuator/health} answers 200. Its output goes to
 * {@code target/simulator-it/<name>-<port>.log}.
 */
final class ChildService implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Process process;

	private final int port;

	private ChildService(String name, Process process, int port) {
		this.name = name;
		this.process = process;
		this.port = port;
	}

	/**
	 * Start a service.
	 * @param name what it is, for its log's name
	 * @param port the port it listens on
	 * @param command its command line
	 * @return the service, starting
	 */
	static ChildService start(String name, int port, List<String> command) {
		try {
			Path dir = Files.createDirectories(Path.of("target", "simulator-it"));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + "-" + port + ".log").toFile()))
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
			return new ChildService(name, process, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	ChildService awaitReady() {
		await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(this::healthy);
		return this;
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	private boolean healthy() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException(
					"the " + this.name + " exited; see target/simulator-it/" + this.name + "-" + this.port + ".log");
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

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
