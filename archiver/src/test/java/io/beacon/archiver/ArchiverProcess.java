package io.beacon.archiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.beacon.testsupport.ChildJvm;

/**
 * A real archiver as a child JVM, for tests that kill it with SIGKILL: nothing of it runs
 * after the kill, no shutdown hook, no last flush. Its output goes to a log file under
 * {@code target/archiver-process/}.
 */
final class ArchiverProcess implements AutoCloseable {

	private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);

	private final Process process;

	private final Path log;

	private ArchiverProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Start an archiver.
	 * @param properties its properties, {@code name=value}
	 * @return the process, starting
	 */
	static ArchiverProcess start(List<String> properties) {
		try {
			Path dir = Files.createDirectories(Path.of("target", "archiver-process"));
			Path log = Files.createTempFile(dir, "archiver-", ".log");
			List<String> arguments = new ArrayList<>(List.of("--spring.main.banner-mode=off"));
			properties.forEach((property) -> arguments.add("--" + property));
			List<String> command = ChildJvm.command(ArchiverApplication.class, "256m", arguments);
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			ArchiverProcess archiver = new ArchiverProcess(process, log);
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
			return archiver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** SIGKILL, and wait until the process is gone. */
	void kill() {
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("archiver process " + this.process.pid() + " survived SIGKILL");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while killing the archiver process", ex);
		}
	}

	/**
	 * SIGTERM, as an operator's Ctrl-C or {@code kill}, and wait for the process to end.
	 * @return its exit status (143 after a clean stop on SIGTERM)
	 */
	int terminate() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("archiver process " + this.process.pid() + " ignored SIGTERM");
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while stopping the archiver process", ex);
		}
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	Path log() {
		return this.log;
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

}
