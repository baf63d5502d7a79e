package io.beacon.simulator;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code simulator/simulate.sh} command. Ctrl-C (SIGINT) and SIGTERM stop the
 * sending; the run then drains, prints its report, audits when asked, and exits with its
 * own status rather than the signal's.
 */
public final class SimulatorMain {

	/** Set by {@code simulate.sh}: whether standard error is a terminal. */
	static final String TTY_PROPERTY = "beacon.simulator.tty";

	/** How long a signal waits for the run to finish its report and audit. */
	private static final long SIGNAL_GRACE_MINUTES = 30;

	private SimulatorMain() {
	}

	public static void main(String[] args) {
		quietLibraryLogging();
		PrintStream out = System.out;
		PrintStream err = System.err;
		boolean interactive = Boolean
			.parseBoolean(System.getProperty(TTY_PROPERTY, String.valueOf(System.console() != null)));
		Simulator simulator = new Simulator(out, err, interactive);
		CountDownLatch finished = new CountDownLatch(1);
		AtomicInteger exitCode = new AtomicInteger(Simulator.PROBLEM);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			if (finished.getCount() == 0) {
				return;
			}
			simulator.requestStop();
			try {
				finished.await(SIGNAL_GRACE_MINUTES, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			out.flush();
			err.flush();
			// the run's own status, not the signal's 130 / 143
			Runtime.getRuntime().halt(exitCode.get());
		}, "sim-stop"));
		try {
			exitCode.set(simulator.execute(args).exitCode());
		}
		catch (RuntimeException ex) {
			err.println("simulator: " + ex);
		}
		finally {
			out.flush();
			err.flush();
			finished.countDown();
		}
		System.exit(exitCode.get());
	}

	/**
	 * Reactor Netty's reports of a connection's error that its caller handles already
	 * (the WebSocket probe's failed handshake, a dropped connection): not worth a stack
	 * trace on the terminal. Held here: java.util.logging keeps loggers weakly.
	 */
	private static final List<Logger> QUIETED = new ArrayList<>();

	/**
	 * Netty and Reactor log through java.util.logging here (no SLF4J on the class path;
	 * Reactor is told so, else it prints to the console itself): warnings and worse only,
	 * on one line, so they do not bury the progress line.
	 */
	private static void quietLibraryLogging() {
		System.setProperty("java.util.logging.SimpleFormatter.format", "simulator: %4$s %3$s: %5$s%6$s%n");
		if (System.getProperty("reactor.logging.fallback") == null) {
			System.setProperty("reactor.logging.fallback", "JDK");
		}
		Logger.getLogger("").setLevel(Level.WARNING);
		for (String name : List.of("reactor.netty.http.client.HttpClientConnect",
				"reactor.netty.channel.FluxReceive")) {
			Logger logger = Logger.getLogger(name);
			logger.setLevel(Level.SEVERE);
			QUIETED.add(logger);
		}
	}

}
