package io.beacon.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.beacon.simulator.agent.AgentNames;
import io.beacon.simulator.agent.EventIdScheme;
import io.beacon.simulator.agent.Swarm;
import io.beacon.simulator.badinput.BadInputCheck;
import io.beacon.simulator.cli.Options;
import io.beacon.simulator.cli.OptionsParser;
import io.beacon.simulator.cli.UsageException;
import io.beacon.simulator.probe.DelayStats;
import io.beacon.simulator.probe.LagSampler;
import io.beacon.simulator.probe.RunClock;
import io.beacon.simulator.probe.WsProbe;
import io.beacon.simulator.report.FinalReport;
import io.beacon.simulator.report.Format;
import io.beacon.simulator.report.LagFigures;
import io.beacon.simulator.report.RunSummary;
import io.beacon.simulator.report.Terminal;
import io.beacon.simulator.report.WsFigures;
import io.beacon.simulator.verify.ArchiveAuditor;
import io.beacon.simulator.verify.Verdict;
import io.beacon.simulator.verify.VerdictReport;

/**
 * The simulator as a function from a command line to an outcome: parses the options, runs
 * the load (and the audit) or the bad-input check, prints the reports, and tells the exit
 * status. {@link SimulatorMain} adds the process around it; tests call it directly.
 */
final class Simulator {

	static final int OK = 0;

	static final int PROBLEM = 1;

	static final int USAGE = 2;

	/** Without {@code --verify}, how long the lag may take to reach 0 after sending. */
	static final Duration LAG_DRAIN_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * After sending, the WebSocket probe waits until none of the run's events came for
	 * this long.
	 */
	static final Duration WS_QUIET = Duration.ofSeconds(2);

	/** … and no longer than this. */
	static final Duration WS_TAIL_TIMEOUT = Duration.ofSeconds(10);

	private final PrintStream out;

	private final PrintStream err;

	private final Terminal terminal;

	private final Consumer<RunSummary> beforeAudit;

	private volatile LoadRun load;

	private volatile boolean stopRequested;

	private volatile boolean auditing;

	private volatile boolean auditStopRequested;

	/**
	 * @param out where reports go
	 * @param err where progress and errors go
	 * @param interactive whether {@code err} is a terminal
	 */
	Simulator(PrintStream out, PrintStream err, boolean interactive) {
		this(out, err, interactive, (summary) -> {
		});
	}

	/**
	 * @param out where reports go
	 * @param err where progress and errors go
	 * @param interactive whether {@code err} is a terminal
	 * @param beforeAudit what to do between the load's report and the audit (a test takes
	 * rows out of the archive there)
	 */
	Simulator(PrintStream out, PrintStream err, boolean interactive, Consumer<RunSummary> beforeAudit) {
		this.out = out;
		this.err = err;
		this.terminal = new Terminal(err, interactive);
		this.beforeAudit = beforeAudit;
	}

	/**
	 * Stop sending (Ctrl-C): the run drains, reports and audits as after its duration. A
	 * stop asked for while the audit runs ends its wait for the archive.
	 */
	void requestStop() {
		if (this.auditing) {
			this.auditStopRequested = true;
			return;
		}
		this.stopRequested = true;
		LoadRun running = this.load;
		if (running != null) {
			running.requestStop();
		}
	}

	/**
	 * Events accepted so far in the load run under way.
	 * @return the count, 0 before the run
	 */
	long acceptedSoFar() {
		LoadRun running = this.load;
		return (running != null) ? running.totals().accepted() : 0;
	}

	Outcome execute(String... args) {
		Options options;
		try {
			options = OptionsParser.parse(args);
		}
		catch (UsageException ex) {
			this.err.println("simulator: " + ex.getMessage());
			this.err.println();
			this.err.print(OptionsParser.usage());
			this.err.flush();
			return new Outcome(USAGE, null, null, List.of(), null, null);
		}
		if (options.help()) {
			this.out.print(OptionsParser.usage());
			this.out.flush();
			return new Outcome(OK, null, null, List.of(), null, null);
		}
		AgentNames names = new AgentNames(AgentNames.newRunId());
		if (options.badInput()) {
			List<BadInputCheck.Outcome> outcomes = new BadInputCheck(options.url(), options.requestTimeout())
				.run("sim-" + names.runId() + "-bad-input", this.out);
			this.out.flush();
			boolean allOk = outcomes.stream().allMatch(BadInputCheck.Outcome::ok);
			return new Outcome(allOk ? OK : PROBLEM, null, null, outcomes, null, null);
		}
		return load(options, names);
	}

	private Outcome load(Options options, AgentNames names) {
		ArchiveAuditor auditor = options.verify() ? new ArchiveAuditor(options.archiverUrl(), this.terminal) : null;
		WsProbe ws = null;
		LagSampler lag = null;
		try {
			long sinceId = 0;
			if (auditor != null) {
				try {
					sinceId = auditor.lastId();
				}
				catch (IllegalStateException ex) {
					this.err.println("simulator: --verify needs the archiver's read API: " + ex.getMessage());
					return new Outcome(PROBLEM, null, null, List.of(), null, null);
				}
			}
			RunClock clock = new RunClock();
			Options.Burst burst = options.burst();
			if (options.wsUrl() != null) {
				ws = WsProbe.open(options.wsUrl(), new DelayStats(names.prefix(), clock,
						(burst != null) ? burst.at().toMillis() : -1, (burst != null) ? burst.end().toMillis() : -1),
						this.terminal);
			}
			if (options.lagUrl() != null) {
				lag = new LagSampler(options.lagUrl(), this.terminal);
			}
			WsProbe wsProbe = ws;
			LagSampler lagSampler = lag;
			long startMillis = System.currentTimeMillis();
			EventIdScheme ids = EventIdScheme.random();
			Swarm swarm = new Swarm(names, ids, options.agents());
			this.out.println(header(options, names));
			this.out.flush();
			LoadRun run = new LoadRun(options, swarm, this.terminal, clock, () -> probeProgress(wsProbe, lagSampler));
			this.load = run;
			if (this.stopRequested) {
				run.requestStop();
			}
			RunSummary summary = run.run();
			this.out.print(FinalReport.format(summary));
			this.out.flush();
			// from here a stop (Ctrl-C) ends the waits for the lag and the archive
			this.auditing = true;
			WsFigures wsFigures = null;
			LagFigures lagFigures = null;
			if (lag != null) {
				if (clock.stopped() && !this.auditStopRequested) {
					lag.awaitDrained(clock.startEpochMillis() + (long) (clock.stopSeconds() * 1000),
							options.verify() ? options.verifyTimeout() : LAG_DRAIN_TIMEOUT,
							() -> this.auditStopRequested);
				}
			}
			if (ws != null) {
				if (!this.auditStopRequested) {
					ws.awaitQuiet(WS_QUIET, WS_TAIL_TIMEOUT);
				}
				wsFigures = ws.finish();
				ws = null;
			}
			else if (options.wsUrl() != null) {
				wsFigures = DelayStats.notConnected(options.wsUrl().toString());
			}
			if (wsFigures != null) {
				this.out.print(FinalReport.websocket(wsFigures));
			}
			if (lag != null) {
				lagFigures = lag.finish(clock, options.lagNormal(),
						(burst != null) ? burst.end().toMillis() / 1000.0 : Double.NaN);
				lag = null;
				this.out.print(FinalReport.lag(lagFigures));
			}
			this.out.flush();
			Verdict verdict = null;
			if (auditor != null) {
				this.beforeAudit.accept(summary);
				verdict = auditor.audit(swarm.ledger(), names, ids, sinceId, startMillis, options.verifyTimeout(),
						() -> this.auditStopRequested);
				this.out.print(VerdictReport.format(verdict));
				this.out.flush();
			}
			List<String> problems = new ArrayList<>();
			if (summary.totals().rejected() > 0) {
				problems.add(Format.count(summary.totals().rejected()) + " events rejected");
			}
			if (summary.totals().accepted() == 0) {
				problems.add("no event accepted");
			}
			if (verdict != null && !verdict.clean()) {
				problems.add("the audit failed");
			}
			if (options.slo()) {
				problems.addAll(sloFailures(options, wsFigures, lagFigures));
			}
			int exitCode = problems.isEmpty() ? OK : PROBLEM;
			if (options.reportJson() != null) {
				try {
					RunJson.write(RunJson.of(options, names.runId(), summary, wsFigures, lagFigures, verdict, problems,
							exitCode), options.reportJson());
					this.err.println("simulator: the run as JSON in " + options.reportJson());
				}
				catch (IOException | RuntimeException ex) {
					problems.add("--report-json " + options.reportJson() + " not written (" + ex.getMessage() + ")");
					exitCode = PROBLEM;
				}
			}
			if (!problems.isEmpty()) {
				this.err.println("simulator: exit status 1: " + String.join(", ", problems));
				this.err.flush();
			}
			return new Outcome(exitCode, summary, verdict, List.of(), wsFigures, lagFigures);
		}
		finally {
			if (ws != null) {
				ws.close();
			}
			if (lag != null) {
				lag.close();
			}
			if (auditor != null) {
				auditor.close();
			}
		}
	}

	/**
	 * The promises that did not hold, each said on its own line too.
	 * @param options the run
	 * @param ws the WebSocket figures, or {@code null}
	 * @param lag the lag figures, or {@code null}
	 * @return the failures, empty when all held
	 */
	private List<String> sloFailures(Options options, WsFigures ws, LagFigures lag) {
		List<String> failures = new ArrayList<>();
		if (ws != null) {
			String failure = ws.sloFailure();
			this.out.println("SLO " + ((failure == null) ? "held" : "FAILED")
					+ ": ingest-to-dashboard p99 under 1 s in every second"
					+ ((failure == null) ? "" : ": " + failure));
			if (failure != null) {
				failures.add("SLO failed: " + failure);
			}
		}
		if (lag != null && options.burst() != null) {
			String failure = lag.sloFailure();
			this.out.println("SLO " + ((failure == null) ? "held" : "FAILED")
					+ ": archive lag back to normal within 30 s of the burst's end"
					+ ((failure == null) ? "" : ": " + failure));
			if (failure != null) {
				failures.add("SLO failed: " + failure);
			}
		}
		this.out.flush();
		return failures;
	}

	private static String probeProgress(WsProbe ws, LagSampler lag) {
		if (ws == null && lag == null) {
			return "";
		}
		if (ws == null) {
			return lag.progress();
		}
		return (lag == null) ? ws.progress() : ws.progress() + "  " + lag.progress();
	}

	private static String header(Options options, AgentNames names) {
		String mode = options.batched() ? "batches of up to " + options.batch() + " events" : "single events";
		String until = (options.duration() != null) ? "for " + OptionsParser.formatDuration(options.duration())
				: "until Ctrl-C";
		return "run " + names.runId() + ": " + Format.count(options.agents()) + " agents (" + names.name(0) + " … "
				+ names.name(options.agents() - 1) + "), " + Format.rate(options.rate()) + " events/s, " + mode + " to "
				+ options.url() + ", " + until + burst(options) + ", at most " + options.connections()
				+ " requests in flight" + (options.verify() ? "; then verify against " + options.archiverUrl() : "");
	}

	private static String burst(Options options) {
		Options.Burst burst = options.burst();
		return (burst == null) ? "" : ", burst " + Format.rate(burst.rate()) + " events/s at "
				+ OptionsParser.formatDuration(burst.at()) + " for " + OptionsParser.formatDuration(burst.length());
	}

	/**
	 * What a command came to.
	 *
	 * @param exitCode the exit status: 0 all good, 1 a problem found, 2 bad options
	 * @param summary the load run, or {@code null}
	 * @param verdict the audit, or {@code null}
	 * @param badInput the bad-input check's outcomes, or empty
	 * @param ws the WebSocket probe's figures, or {@code null}
	 * @param lag the archive lag's figures, or {@code null}
	 */
	record Outcome(int exitCode, RunSummary summary, Verdict verdict, List<BadInputCheck.Outcome> badInput,
			WsFigures ws, LagFigures lag) {

	}

}
