package io.beacon.simulator;

import java.io.PrintStream;
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
import io.beacon.simulator.report.FinalReport;
import io.beacon.simulator.report.Format;
import io.beacon.simulator.report.RunSummary;
import io.beacon.simulator.report.Terminal;
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
			return new Outcome(USAGE, null, null, List.of());
		}
		if (options.help()) {
			this.out.print(OptionsParser.usage());
			this.out.flush();
			return new Outcome(OK, null, null, List.of());
		}
		AgentNames names = new AgentNames(AgentNames.newRunId());
		if (options.badInput()) {
			List<BadInputCheck.Outcome> outcomes = new BadInputCheck(options.url(), options.requestTimeout())
				.run("sim-" + names.runId() + "-bad-input", this.out);
			this.out.flush();
			boolean allOk = outcomes.stream().allMatch(BadInputCheck.Outcome::ok);
			return new Outcome(allOk ? OK : PROBLEM, null, null, outcomes);
		}
		return load(options, names);
	}

	private Outcome load(Options options, AgentNames names) {
		ArchiveAuditor auditor = options.verify() ? new ArchiveAuditor(options.archiverUrl(), this.terminal) : null;
		try {
			long sinceId = 0;
			if (auditor != null) {
				try {
					sinceId = auditor.lastId();
				}
				catch (IllegalStateException ex) {
					this.err.println("simulator: --verify needs the archiver's read API: " + ex.getMessage());
					return new Outcome(PROBLEM, null, null, List.of());
				}
			}
			long startMillis = System.currentTimeMillis();
			EventIdScheme ids = EventIdScheme.random();
			Swarm swarm = new Swarm(names, ids, options.agents());
			this.out.println(header(options, names));
			this.out.flush();
			LoadRun run = new LoadRun(options, swarm, this.terminal);
			this.load = run;
			if (this.stopRequested) {
				run.requestStop();
			}
			RunSummary summary = run.run();
			this.out.print(FinalReport.format(summary));
			this.out.flush();
			Verdict verdict = null;
			if (auditor != null) {
				this.beforeAudit.accept(summary);
				this.auditing = true;
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
			if (!problems.isEmpty()) {
				this.err.println("simulator: exit status 1: " + String.join(", ", problems));
				this.err.flush();
			}
			return new Outcome(problems.isEmpty() ? OK : PROBLEM, summary, verdict, List.of());
		}
		finally {
			if (auditor != null) {
				auditor.close();
			}
		}
	}

	private static String header(Options options, AgentNames names) {
		String mode = options.batched() ? "batches of up to " + options.batch() + " events" : "single events";
		String until = (options.duration() != null) ? "for " + OptionsParser.formatDuration(options.duration())
				: "until Ctrl-C";
		return "run " + names.runId() + ": " + Format.count(options.agents()) + " agents (" + names.name(0) + " … "
				+ names.name(options.agents() - 1) + "), " + Format.rate(options.rate()) + " events/s, " + mode + " to "
				+ options.url() + ", " + until + ", at most " + options.connections() + " requests in flight"
				+ (options.verify() ? "; then verify against " + options.archiverUrl() : "");
	}

	/**
	 * What a command came to.
	 *
	 * @param exitCode the exit status: 0 all good, 1 a problem found, 2 bad options
	 * @param summary the load run, or {@code null}
	 * @param verdict the audit, or {@code null}
	 * @param badInput the bad-input check's outcomes, or empty
	 */
	record Outcome(int exitCode, RunSummary summary, Verdict verdict, List<BadInputCheck.Outcome> badInput) {

	}

}
