package io.beacon.simulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.beacon.common.Topics;
import io.beacon.simulator.badinput.BadInputCheck;
import io.beacon.simulator.report.Counters;
import io.beacon.simulator.report.RunSummary;
import io.beacon.simulator.verify.Verdict;
import io.beacon.testsupport.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulator against real parts: a broker, a gateway and an archiver (as child JVMs,
 * the archiver run from its jar) reading the gateway's topic into a SQLite file that the
 * test can also reach into.
 */
class SimulatorIT {

	private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

	private static Path database;

	private static ChildService archiver;

	private static ChildService gateway;

	@BeforeAll
	static void startThePipeline() throws Exception {
		String bootstrap = TestKafka.bootstrapServers();
		String topic = TestKafka.createUniqueTopic("simulator-it", Topics.DEFAULT_PARTITIONS);
		database = Files.createDirectories(Path.of("target", "simulator-it")).resolve(topic + ".db").toAbsolutePath();
		archiver = ArchiverJar.start(bootstrap, topic, database);
		gateway = GatewayJvm.start(bootstrap, topic);
		gateway.awaitReady();
		archiver.awaitReady();
	}

	@AfterAll
	static void stopThePipeline() {
		if (gateway != null) {
			gateway.close();
		}
		if (archiver != null) {
			archiver.close();
		}
	}

	@Test
	void singleEventsAreAllAcceptedAndTheArchiveHasEachOnceInOrder() {
		Run run = simulate("--agents", "20", "--rate", "200", "--duration", "3s", "--url", gateway.url(), "--verify",
				"--archiver-url", archiver.url(), "--verify-timeout", "30s");
		assertThat(run.outcome().exitCode()).as(run.output()).isZero();
		Counters.Totals totals = run.outcome().summary().totals();
		assertThat(totals.accepted()).isEqualTo(totals.sent()).isPositive();
		assertThat(totals.rejected() + totals.failed()).isZero();
		// open loop: every send due in 3 s at 200/s was either made or counted behind,
		// however fast this machine answered
		assertThat(totals.sent() + totals.behind()).isBetween(580L, 601L);
		assertThat(run.outcome().verdict().clean()).isTrue();
		assertThat(run.outcome().verdict().found()).isEqualTo(totals.accepted());
		assertThat(run.output()).contains("verify: CLEAN");
	}

	@Test
	void batchesAreAllAcceptedAndTheArchiveHasEachOnceInOrder() {
		Run run = simulate("--agents", "100", "--rate", "1000", "--duration", "2s", "--batch", "50", "--url",
				gateway.url(), "--verify", "--archiver-url", archiver.url(), "--verify-timeout", "30s");
		assertThat(run.outcome().exitCode()).as(run.output()).isZero();
		Counters.Totals totals = run.outcome().summary().totals();
		assertThat(totals.accepted()).isEqualTo(totals.sent()).isPositive();
		assertThat(totals.sent() + totals.behind()).isBetween(1950L, 2001L);
		assertThat(totals.requests()).isLessThan(totals.sent() / 5);
		assertThat(run.outcome().verdict().clean()).isTrue();
	}

	@Test
	void aStopDrainsReportsAndStillAudits() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Simulator simulator = new Simulator(print(out), print(new ByteArrayOutputStream()), false);
		CompletableFuture<Simulator.Outcome> running = CompletableFuture.supplyAsync(() -> simulator.execute("--agents",
				"10", "--rate", "100", "--url", gateway.url(), "--verify", "--archiver-url", archiver.url()));
		await().atMost(RUN_TIMEOUT).until(() -> simulator.acceptedSoFar() >= 50);
		simulator.requestStop();
		Simulator.Outcome outcome = running.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(outcome.exitCode()).as(out.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(outcome.summary().totals().accepted()).isPositive().isEqualTo(outcome.summary().totals().sent());
		assertThat(outcome.verdict().clean()).isTrue();
	}

	@Test
	void theGatewayAnswersEveryMalformedRequestAsTheContractSays() {
		Run run = simulate("--bad-input", "--url", gateway.url());
		assertThat(run.outcome().exitCode()).as(run.output()).isZero();
		assertThat(run.outcome().badInput()).hasSizeGreaterThanOrEqualTo(15).allMatch(BadInputCheck.Outcome::ok);
		assertThat(run.output()).contains("body over 1 MiB", "413 payload_too_large");
	}

	@Test
	void anAuditOfAnArchiveMissingEventsFails() {
		List<String> deleted = new ArrayList<>();
		Run run = simulate((summary) -> {
			// once the run is archived, take two of its events out again
			String prefix = "sim-" + summary.runId() + "-";
			await().atMost(RUN_TIMEOUT)
				.until(() -> archivedRows(prefix) == summary.totals().accepted() && summary.totals().accepted() > 0);
			deleted.addAll(deleteRows(prefix + "2", 1, 3));
		}, "--agents", "5", "--rate", "50", "--duration", "2s", "--url", gateway.url(), "--verify", "--archiver-url",
				archiver.url(), "--verify-timeout", "2s");
		assertThat(deleted).hasSize(2);
		assertThat(run.outcome().exitCode()).as(run.output()).isEqualTo(1);
		Verdict verdict = run.outcome().verdict();
		assertThat(verdict.lost()).isEqualTo(2);
		assertThat(verdict.lostExamples()).containsExactlyElementsOf(deleted);
		assertThat(verdict.found()).isEqualTo(run.outcome().summary().totals().accepted() - 2);
		assertThat(verdict.duplicated() + verdict.outOfOrder() + verdict.unexpected()).isZero();
		assertThat(run.output()).contains("verify: FAILED - lost 2, duplicated 0, out of order 0, unexpected 0",
				"simulator: exit status 1: the audit failed");
	}

	@Test
	void badOptionsExitWithTwoAndTheUsage() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		Simulator.Outcome outcome = new Simulator(print(new ByteArrayOutputStream()), print(err), false)
			.execute("--agents", "-3");
		assertThat(outcome.exitCode()).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("simulator: --agents must be a whole number")
			.contains("Usage: simulator/simulate.sh")
			.doesNotContain("Exception");
	}

	private static long archivedRows(String agentPrefix) throws SQLException {
		try (Connection connection = archive();
				PreparedStatement count = connection
					.prepareStatement("SELECT count(*) FROM agent_events WHERE agent_id LIKE ?")) {
			count.setString(1, agentPrefix + "%");
			try (ResultSet rows = count.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	private static List<String> deleteRows(String agentId, long... seqs) {
		List<String> deleted = new ArrayList<>();
		try (Connection connection = archive();
				PreparedStatement delete = connection
					.prepareStatement("DELETE FROM agent_events WHERE agent_id = ? AND seq = ?")) {
			for (long seq : seqs) {
				delete.setString(1, agentId);
				delete.setLong(2, seq);
				if (delete.executeUpdate() == 1) {
					deleted.add(agentId + " seq " + seq);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return deleted;
	}

	private static Connection archive() throws SQLException {
		Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
		try (Statement pragma = connection.createStatement()) {
			// the archiver writes to the same file: wait for its transactions
			pragma.execute("PRAGMA busy_timeout = 10000");
		}
		return connection;
	}

	private static Run simulate(String... args) {
		return simulate((summary) -> {
		}, args);
	}

	private static Run simulate(Consumer<RunSummary> beforeAudit, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		Simulator.Outcome outcome = new Simulator(print(out), print(err), false, beforeAudit).execute(args);
		return new Run(outcome, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
	}

	private static PrintStream print(ByteArrayOutputStream out) {
		return new PrintStream(out, true, StandardCharsets.UTF_8);
	}

	private record Run(Simulator.Outcome outcome, String output) {

	}

}
