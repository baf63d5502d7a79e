package io.beacon.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.beacon.broker.BrokerApplication;
import io.beacon.common.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled broker ({@code beacon-broker}) as a child JVM, for tests that stop, kill
 * and restart a broker. Its output goes to {@link #logFile()} (appended across restarts).
 * <p>
 * The child shuts itself down when this JVM exits, even if the test never stopped it.
 *
 * <pre class="code">
 * try (BrokerProcess broker = BrokerProcess.onFreePorts(tempDir).start().awaitReady(BrokerProcess.READY_TIMEOUT)) {
 *     // ... broker.bootstrapServers() ...
 *     broker.stop();
 *     broker.start().awaitReady(BrokerProcess.READY_TIMEOUT);
 * }
 * </pre>
 */
public final class BrokerProcess implements AutoCloseable {

	/** A generous bound for a start, first format included, on a slow CI machine. */
	public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	/** A bound for a clean stop. */
	public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * The exit status of a JVM that ended on SIGTERM after running its shutdown hooks
	 * (128 + 15); {@link #stop()} reports it for a clean stop.
	 */
	public static final int SIGTERM_EXIT_STATUS = 143;

	private static final String HOST = "127.0.0.1";

	private static final Logger logger = LoggerFactory.getLogger(BrokerProcess.class);

	private final int port;

	private final int controllerPort;

	private final Path dataDir;

	private final Path logFile;

	private final Map<String, String> serverProperties = new LinkedHashMap<>();

	private Process process;

	/**
	 * A broker on the given ports, keeping its data in {@code dataDir}; the log goes to
	 * {@code target/broker-process/broker-<port>.log} under the working directory.
	 */
	public BrokerProcess(int port, int controllerPort, Path dataDir) {
		this(port, controllerPort, dataDir, Path.of("target", "broker-process", "broker-" + port + ".log"));
	}

	public BrokerProcess(int port, int controllerPort, Path dataDir, Path logFile) {
		this.port = port;
		this.controllerPort = controllerPort;
		this.dataDir = dataDir.toAbsolutePath();
		this.logFile = logFile.toAbsolutePath();
	}

	/** A broker on two free ports; the same ports are used again after a restart. */
	public static BrokerProcess onFreePorts(Path dataDir) {
		int[] ports = FreePorts.next(2);
		return new BrokerProcess(ports[0], ports[1], dataDir);
	}

	/**
	 * Sets a Kafka server property for the following starts, e.g.
	 * {@code broker.session.timeout.ms}.
	 */
	public synchronized BrokerProcess serverProperty(String name, String value) {
		this.serverProperties.put(name, value);
		return this;
	}

	/** Launches the broker; returns at once, see {@link #awaitReady}. */
	public synchronized BrokerProcess start() {
		if (isRunning()) {
			throw new IllegalStateException("Broker on port " + this.port + " is already running");
		}
		try {
			Files.createDirectories(this.logFile.getParent());
			Files.writeString(this.logFile, "==== " + Instant.now() + " starting broker on port " + this.port + "\n",
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			this.process = new ProcessBuilder(command()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not launch the broker, see " + this.logFile, ex);
		}
		logger.info("Broker process {} starting on {} (log: {})", this.process.pid(), bootstrapServers(), this.logFile);
		return this;
	}

	/**
	 * Waits until clients can connect and the pipeline's topics exist; fails at once if
	 * the process exits meanwhile.
	 */
	public BrokerProcess awaitReady(Duration timeout) {
		Process launched = requireStarted();
		Awaitility.await("broker on " + bootstrapServers() + " ready (log: " + this.logFile + ")")
			.atMost(timeout)
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(200))
			.failFast("broker process exited, see " + this.logFile, () -> !launched.isAlive())
			.until(this::topicsExist);
		return this;
	}

	/**
	 * Stops the broker with SIGTERM, so it shuts down cleanly, waiting at most
	 * {@link #STOP_TIMEOUT}.
	 * @return the exit status: {@link #SIGTERM_EXIT_STATUS} (or 0) for a clean stop
	 */
	public int stop() {
		return stop(STOP_TIMEOUT);
	}

	/**
	 * Stops the broker with SIGTERM, so it shuts down cleanly; if it has not exited
	 * within the timeout it is killed and an {@link IllegalStateException} thrown.
	 * @return the exit status: {@link #SIGTERM_EXIT_STATUS} (or 0) for a clean stop
	 */
	public synchronized int stop(Duration timeout) {
		Process launched = requireStarted();
		launched.destroy();
		if (!waitFor(launched, timeout)) {
			launched.destroyForcibly();
			waitFor(launched, timeout);
			throw new IllegalStateException(
					"Broker did not stop within " + timeout + " and was killed, see " + this.logFile);
		}
		logger.info("Broker process {} stopped with status {}", launched.pid(), launched.exitValue());
		return launched.exitValue();
	}

	/**
	 * Kills the broker with SIGKILL, as a crash would; the next start recovers its logs.
	 * @return the exit status (137)
	 */
	public synchronized int kill() {
		Process launched = requireStarted();
		launched.destroyForcibly();
		if (!waitFor(launched, STOP_TIMEOUT)) {
			throw new IllegalStateException("Broker process " + launched.pid() + " survived SIGKILL");
		}
		logger.info("Broker process {} killed", launched.pid());
		return launched.exitValue();
	}

	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	public String bootstrapServers() {
		return HOST + ":" + this.port;
	}

	public int port() {
		return this.port;
	}

	public Path dataDir() {
		return this.dataDir;
	}

	public Path logFile() {
		return this.logFile;
	}

	/** Stops the broker cleanly if it still runs. */
	@Override
	public void close() {
		if (isRunning()) {
			stop();
		}
	}

	private List<String> command() {
		List<String> arguments = new ArrayList<>(List.of("--beacon.broker.host=" + HOST,
				"--beacon.broker.port=" + this.port, "--beacon.broker.controller-port=" + this.controllerPort,
				"--beacon.broker.data-dir=" + this.dataDir,
				"--beacon.broker.parent-pid=" + ProcessHandle.current().pid()));
		this.serverProperties.forEach((name, value) -> arguments.add("--beacon.broker.server." + name + "=" + value));
		return ChildJvm.command(BrokerApplication.class, "512m", arguments);
	}

	private boolean topicsExist() {
		if (!accepts()) {
			return false;
		}
		try (Admin admin = TopicAdmin.admin(bootstrapServers())) {
			Set<String> names = admin.listTopics().names().get(5, TimeUnit.SECONDS);
			return names.contains(Topics.STATE_TRANSITIONS) && names.contains(Topics.DEAD_LETTER);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException ex) {
			// still starting: the next poll asks again, and awaitReady bounds the whole
			// wait
			return false;
		}
	}

	/**
	 * A plain connect first: an Admin client would log a warning for every refused
	 * attempt.
	 */
	private boolean accepts() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, this.port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private synchronized Process requireStarted() {
		if (this.process == null) {
			throw new IllegalStateException("Broker on port " + this.port + " was never started");
		}
		return this.process;
	}

	private static boolean waitFor(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
