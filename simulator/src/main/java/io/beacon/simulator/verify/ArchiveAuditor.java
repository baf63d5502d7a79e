package io.beacon.simulator.verify;

import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.beacon.simulator.agent.AgentNames;
import io.beacon.simulator.agent.EventIdScheme;
import io.beacon.simulator.agent.Ledger;
import io.beacon.simulator.report.Format;
import io.beacon.simulator.report.Terminal;
import io.beacon.simulator.send.Answer;
import io.beacon.simulator.send.Transport;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Audits a run through the archiver's read API: pages of {@code GET /events} from the
 * archive's last id at the run's start, read as they come until every accepted event is
 * there or the time is up. Waiting and auditing are one pass: rows are checked as they
 * are read, and the reader polls at the end of the archive for the rest.
 */
public final class ArchiveAuditor implements AutoCloseable {

	static final int PAGE_SIZE = 10_000;

	private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final long PROGRESS_INTERVAL_NANOS = 1_000_000_000L;

	/** Event ids are UUIDv7 made during the run; this much clock slack is allowed. */
	private static final long CLOCK_SLACK_MILLIS = 60_000;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final URI url;

	private final Transport transport;

	private final Terminal terminal;

	/**
	 * @param url the archiver's read API
	 * @param terminal where the progress line goes
	 */
	public ArchiveAuditor(URI url, Terminal terminal) {
		this.url = url;
		this.transport = new Transport(url, 1, REQUEST_TIMEOUT, "sim-archive");
		this.terminal = terminal;
	}

	/**
	 * The id of the archive's newest row ({@code GET /stats}).
	 * @return the id, 0 for an empty archive
	 * @throws IllegalStateException when the archiver does not answer, with the reason
	 */
	public long lastId() {
		Answer answer = fetch("/stats");
		try {
			JsonNode lastId = MAPPER.readTree(answer.body()).get("last_id");
			if (lastId == null || !lastId.canConvertToLong()) {
				throw new IllegalStateException(this.url + "/stats has no last_id: " + answer.summary());
			}
			return lastId.longValue();
		}
		catch (JacksonException ex) {
			throw new IllegalStateException(this.url + "/stats is not JSON: " + answer.summary(), ex);
		}
	}

	/**
	 * Audit a run.
	 * @param ledger what the run sent, frozen
	 * @param names the run's agent ids
	 * @param ids the run's event ids
	 * @param sinceId the archive's last id before the run
	 * @param runStartMillis when the run started
	 * @param timeout how long to wait for the archive to catch up
	 * @param stopRequested whether to give up waiting now (Ctrl-C)
	 * @return the verdict
	 */
	public Verdict audit(Ledger ledger, AgentNames names, EventIdScheme ids, long sinceId, long runStartMillis,
			Duration timeout, BooleanSupplier stopRequested) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long latestMillis = System.currentTimeMillis() + CLOCK_SLACK_MILLIS;
		Audit audit = new Audit(ledger, names, ids, runStartMillis - CLOCK_SLACK_MILLIS, latestMillis);
		this.terminal.message(
				"verify: reading " + this.url + "/events from id " + sinceId + " for " + Format.count(audit.expected())
						+ " accepted events (waiting up to " + Format.seconds(timeout.toNanos()) + ")");
		Pass pass = read(audit, sinceId, deadline, stopRequested, true);
		if (!audit.complete() && pass.error == null && !stopRequested.getAsBoolean()) {
			// on PostgreSQL a row can commit after rows with higher ids, behind the
			// cursor
			this.terminal.message("verify: not all found; reading the run's rows once more from id " + sinceId);
			audit = new Audit(ledger, names, ids, runStartMillis - CLOCK_SLACK_MILLIS, latestMillis);
			pass = read(audit, sinceId, deadline, stopRequested, false);
		}
		this.terminal.endStatus();
		return audit.verdict(pass.error);
	}

	private Pass read(Audit audit, long sinceId, long deadline, BooleanSupplier stopRequested, boolean wait) {
		long cursor = sinceId;
		long rowsRead = 0;
		long lastProgress = System.nanoTime();
		String error = null;
		while (true) {
			try {
				Answer answer = fetch("/events?since_id=" + cursor + "&limit=" + PAGE_SIZE);
				EventsPage.Result page = EventsPage.read(answer.body(), audit::row);
				rowsRead += page.rows();
				cursor = page.nextSinceId();
				error = null;
				if (page.rows() == PAGE_SIZE) {
					// a backlog: read on without waiting, and say how far
					lastProgress = progress(audit, rowsRead, deadline, null, lastProgress);
					continue;
				}
			}
			catch (IllegalStateException | IllegalArgumentException ex) {
				error = ex.getMessage();
			}
			long now = System.nanoTime();
			if (audit.complete() && error == null) {
				return new Pass(null);
			}
			if (stopRequested.getAsBoolean()) {
				return new Pass((error != null) ? error : "stopped before the archive caught up");
			}
			if (!wait || now - deadline >= 0) {
				return new Pass(error);
			}
			lastProgress = progress(audit, rowsRead, deadline, error, lastProgress);
			try {
				Thread.sleep(POLL_INTERVAL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new Pass("interrupted");
			}
		}
	}

	/** A progress line at most once a second; returns when the last one was shown. */
	private long progress(Audit audit, long rowsRead, long deadline, String error, long lastProgress) {
		long now = System.nanoTime();
		if (now - lastProgress < PROGRESS_INTERVAL_NANOS) {
			return lastProgress;
		}
		long secondsLeft = Math.max(0, (deadline - now) / 1_000_000_000L);
		this.terminal.status("verify: " + Format.count(audit.found()) + " of " + Format.count(audit.expected())
				+ " accepted events archived, " + Format.count(rowsRead) + " rows read (" + Format.count(audit.rows())
				+ " of this run), " + secondsLeft + "s left" + ((error != null) ? " (" + error + ")" : ""));
		return now;
	}

	private Answer fetch(String path) {
		Answer answer;
		try {
			answer = this.transport.get(path).block(REQUEST_TIMEOUT);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(
					"the archiver at " + this.url + " did not answer " + path + ": " + describe(ex));
		}
		if (answer == null || answer.status() != 200) {
			throw new IllegalStateException("the archiver at " + this.url + " answered " + path + " with "
					+ ((answer != null) ? answer.summary() : "nothing"));
		}
		return answer;
	}

	private static String describe(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? " " + message : "");
	}

	@Override
	public void close() {
		this.transport.close();
	}

	private record Pass(String error) {

	}

}
