package io.beacon.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.beacon.testsupport.FreePorts;

/**
 * {@code ./start.sh} of this checkout, run as a user would but on free ports, with its
 * data, logs and archive in a scratch directory.
 */
final class StartScript {

	/** A cold start on two busy cores, the first one building nothing. */
	static final Duration START_TIMEOUT = Duration.ofMinutes(5);

	private static final Path ROOT = findRoot();

	private final Path scratch;

	private final Map<String, String> environment = new LinkedHashMap<>();

	private int runs;

	StartScript(Path scratch) {
		this.scratch = scratch;
		int gatewayPort = twoFreePortsInARow();
		int[] ports = FreePorts.next(8);
		this.environment.put("GATEWAY_COUNT", "2");
		this.environment.put("GATEWAY_PORT", Integer.toString(gatewayPort));
		this.environment.put("LB_PORT", Integer.toString(ports[0]));
		this.environment.put("BROADCASTER_PORT", Integer.toString(ports[1]));
		this.environment.put("ARCHIVER_PORT", Integer.toString(ports[2]));
		this.environment.put("WATCHTOWER_PORT", Integer.toString(ports[3]));
		this.environment.put("BEACON_KAFKA_PORT", Integer.toString(ports[4]));
		this.environment.put("BEACON_KAFKA_CONTROLLER_PORT", Integer.toString(ports[5]));
		this.environment.put("DASHBOARD_PORT", Integer.toString(ports[6]));
		this.environment.put("PROMETHEUS_PORT", Integer.toString(ports[7]));
		this.environment.put("BEACON_BROKER", "kafka");
		this.environment.put("BEACON_DATA_DIR", scratch.resolve("data").toString());
		this.environment.put("BEACON_LOG_DIR", scratch.resolve("logs").toString());
		this.environment.put("BEACON_DB_URL", "jdbc:sqlite:" + scratch.resolve("beacon.db"));
		this.environment.put("BEACON_DASHBOARD", "off");
		this.environment.put("START_TIMEOUT", "180");
	}

	/**
	 * Whether start.sh will run Prometheus too: when a {@code prometheus} binary is on
	 * the PATH.
	 */
	static boolean prometheusInstalled() {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.anyMatch((directory) -> Files.isExecutable(Path.of(directory, "prometheus")));
	}

	StartScript with(String name, String value) {
		this.environment.put(name, value);
		return this;
	}

	int port(String name) {
		return Integer.parseInt(this.environment.get(name));
	}

	String url(String portName) {
		return "http://127.0.0.1:" + port(portName);
	}

	Path log(String service) {
		return this.scratch.resolve("logs").resolve(service + ".log");
	}

	/** Run it to the end. */
	Result run(Duration timeout, String... arguments) {
		Run run = start(arguments);
		return new Result(run.waitFor(timeout), run.output());
	}

	/** Start it and return at once. */
	Run start(String... arguments) {
		return launch("start.sh", true, arguments);
	}

	/**
	 * Another of the repository's scripts (e.g. {@code simulator/simulate.sh}), to its
	 * end.
	 */
	Result runScript(Duration timeout, String script, String... arguments) {
		Run run = startScript(script, arguments);
		return new Result(run.waitFor(timeout), run.output());
	}

	/** Another of the repository's scripts, started and left running. */
	Run startScript(String script, String... arguments) {
		return launch(script, false, arguments);
	}

	private Run launch(String script, boolean withSettings, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(ROOT.resolve(script).toString());
		command.addAll(List.of(arguments));
		Path output = this.scratch.resolve(Path.of(script).getFileName() + "-" + (++this.runs) + ".out");
		ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		if (withSettings) {
			builder.environment().putAll(this.environment);
		}
		try {
			return new Run(builder.start(), output, String.join(" ", command));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The services of the running stack, from start.sh's run file.
	 * @return service name to pid, in start order ({@code -} for none)
	 */
	Map<String, String> services() {
		Path file = this.scratch.resolve("data/run/services");
		Map<String, String> services = new LinkedHashMap<>();
		try {
			if (Files.exists(file)) {
				for (String line : Files.readAllLines(file)) {
					String[] fields = line.split("\\|", -1);
					services.put(fields[0], fields[1]);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return services;
	}

	/** Stops whatever is still running, whatever state a failed test left. */
	void cleanUp() {
		Map<String, String> services = services();
		run(Duration.ofMinutes(3), "stop");
		services.values()
			.stream()
			.filter((pid) -> !pid.equals("-"))
			.map(Long::parseLong)
			.flatMap((pid) -> ProcessHandle.of(pid).stream())
			.forEach(ProcessHandle::destroyForcibly);
	}

	private static int twoFreePortsInARow() {
		for (int attempt = 0; attempt < 50; attempt++) {
			int port = FreePorts.next();
			if (port < 65535 && isFree(port + 1)) {
				return port;
			}
		}
		throw new IllegalStateException("no two free ports in a row");
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return socket.isBound();
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static Path findRoot() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null && !Files.exists(directory.resolve("start.sh"))) {
			directory = directory.getParent();
		}
		if (directory == null) {
			throw new IllegalStateException("start.sh not found above " + Path.of("").toAbsolutePath());
		}
		return directory;
	}

	static Path root() {
		return ROOT;
	}

	/**
	 * How a run ended.
	 *
	 * @param exitCode its exit code
	 * @param output what it printed (stdout and stderr)
	 */
	record Result(int exitCode, String output) {

	}

	/**
	 * A start.sh process.
	 *
	 * @param process the process
	 * @param outputFile where its output goes
	 * @param command what was run
	 */
	record Run(Process process, Path outputFile, String command) {

		String output() {
			try {
				return Files.readString(this.outputFile, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** Its exit code, once it has ended; fails the test when it does not in time. */
		int waitFor(Duration timeout) {
			try {
				if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					this.process.destroyForcibly();
					throw new AssertionError(
							this.command + " still running after " + timeout + "; output:\n" + output());
				}
				return this.process.exitValue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
