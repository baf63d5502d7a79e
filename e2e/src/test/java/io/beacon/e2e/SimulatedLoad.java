package io.beacon.e2e;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code simulator/simulate.sh --verify} playing agents through the load balancer in the
 * background while a test breaks something, then its report and its audit.
 */
final class SimulatedLoad {

	private static final Pattern ACCEPTED = Pattern.compile(" accepted ([\\d,]+) ");

	private static final Pattern UNAVAILABLE = Pattern.compile("503: ([\\d,]+)");

	private static final Pattern RETRIED = Pattern.compile("(?m)^\\s+retried\\s+([\\d,]+)");

	private static final Pattern ACCEPTED_TOTAL = Pattern.compile("(?m)^\\s+accepted\\s+([\\d,]+)");

	private static final Pattern FAILED = Pattern.compile("(?m)^\\s+failed\\s+([\\d,]+)");

	private final StartScript.Run run;

	private SimulatedLoad(StartScript.Run run) {
		this.run = run;
	}

	/** The longest a scenario may let the load run; it is stopped long before. */
	private static final Duration AT_MOST = Duration.ofMinutes(10);

	/**
	 * Start playing agents until {@link #stop()}.
	 * @param script the running stack
	 * @param agents how many agents
	 * @param rate events per second, all agents together
	 * @return the running load
	 */
	static SimulatedLoad start(StartScript script, int agents, int rate) {
		List<String> arguments = List.of("--agents", Integer.toString(agents), "--rate", Integer.toString(rate),
				"--duration", AT_MOST.toSeconds() + "s", "--url", script.url("LB_PORT"), "--verify", "--archiver-url",
				script.url("ARCHIVER_PORT"), "--verify-timeout", "180s");
		return new SimulatedLoad(script.startScript("simulator/simulate.sh", arguments.toArray(String[]::new)));
	}

	/**
	 * Stop sending (SIGTERM, as Ctrl-C): the simulator waits for the answers still out,
	 * reports, and audits the archive.
	 */
	SimulatedLoad stop() {
		this.run.process().destroy();
		return this;
	}

	/** Until this many more events than so far have been accepted. */
	SimulatedLoad awaitMoreAccepted(long events) {
		return awaitAccepted(acceptedSoFar() + events);
	}

	/** Until the load balancer has accepted this many events of this run. */
	SimulatedLoad awaitAccepted(long events) {
		await().atMost(Duration.ofSeconds(90)).until(() -> {
			if (!this.run.process().isAlive()) {
				throw new AssertionError(
						"the simulator ended before " + events + " events were accepted:\n" + this.run.output());
			}
			return acceptedSoFar() >= events;
		});
		return this;
	}

	/** Events accepted so far, from the simulator's latest progress line. */
	long acceptedSoFar() {
		return last(ACCEPTED, this.run.output());
	}

	/**
	 * Stop the load, wait for the end of the run and its audit, and check that it passed:
	 * every accepted event archived exactly once, in each agent's order, nothing
	 * rejected.
	 * @return the simulator's report
	 */
	Report stopAndAudit() {
		stop();
		int exit = this.run.waitFor(Duration.ofMinutes(5));
		String output = this.run.output();
		assertThat(output).as(output).contains("verify: CLEAN");
		assertThat(exit).as(output).isZero();
		return new Report(output, last(RETRIED, output), last(UNAVAILABLE, output), last(FAILED, output),
				last(ACCEPTED_TOTAL, output));
	}

	private static long last(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		long value = 0;
		while (matcher.find()) {
			value = Long.parseLong(matcher.group(1).replace(",", ""));
		}
		return value;
	}

	/**
	 * What the simulator reported.
	 *
	 * @param output all it printed
	 * @param retried requests sent again (503, other 5xx, timeouts, connection errors)
	 * @param unavailable of those, the 503 answers
	 * @param failed events given up on (never answered 202 before the run ended)
	 * @param accepted events accepted
	 */
	record Report(String output, long retried, long unavailable, long failed, long accepted) {

		/** The final report's lines, for the test's log. */
		String summary() {
			return this.output.lines()
				.filter((line) -> line.matches("^\\s+(sent|accepted|rejected|failed|retried|latency)\\s.*")
						|| line.startsWith("verify:"))
				.reduce((a, b) -> a + "\n" + b)
				.orElse("");
		}

	}

}
