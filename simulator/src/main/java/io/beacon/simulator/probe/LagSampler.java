package io.beacon.simulator.probe;

import java.net.ConnectException;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.beacon.simulator.report.Format;
import io.beacon.simulator.report.LagFigures;
import io.beacon.simulator.report.Terminal;
import io.beacon.simulator.send.Answer;
import io.beacon.simulator.send.Transport;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows the archive lag: {@code GET <watchtower>/status} every second, the
 * {@code beacon-archiver} group's {@code consumer_lag}. A measurement is dated by the
 * watchtower's {@code checked_at} (it polls the broker on its own interval, 10 s unless
 * configured) and kept once however often it is read. Answers {@code 503 starting} and
 * failures are counted, never fatal.
 */
public final class LagSampler implements AutoCloseable {

	/** The archiver's consumer group. */
	public static final String GROUP = "beacon-archiver";

	static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final URI url;

	private final Terminal terminal;

	private final Transport transport;

	private final ScheduledExecutorService timer;

	private final AtomicLong polls = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final AtomicLong starting = new AtomicLong();

	private final AtomicBoolean failureSaid = new AtomicBoolean();

	private final List<Measurement> measurements = new ArrayList<>();

	private volatile Measurement latest;

	/**
	 * Start polling.
	 * @param url the watchtower
	 * @param terminal where the first failure is said
	 */
	public LagSampler(URI url, Terminal terminal) {
		this(url, terminal, POLL_INTERVAL);
	}

	LagSampler(URI url, Terminal terminal, Duration interval) {
		this.url = url;
		this.terminal = terminal;
		this.transport = new Transport(url, 1, REQUEST_TIMEOUT, "sim-lag");
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sim-lag");
			thread.setDaemon(true);
			return thread;
		});
		this.timer.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	void poll() {
		this.polls.incrementAndGet();
		long now = System.currentTimeMillis();
		Answer answer;
		try {
			answer = this.transport.get("/status").block(REQUEST_TIMEOUT.plusSeconds(1));
		}
		catch (RuntimeException ex) {
			failed(reason(ex));
			return;
		}
		if (answer == null) {
			failed("no answer");
			return;
		}
		if (answer.status() == 503 && answer.text().contains("starting")) {
			this.starting.incrementAndGet();
			return;
		}
		if (answer.status() != 200) {
			failed("HTTP " + answer.summary());
			return;
		}
		try {
			JsonNode status = MAPPER.readTree(answer.body());
			JsonNode lag = status.path("consumer_lag").path(GROUP);
			if (!lag.canConvertToLong()) {
				failed("no consumer_lag." + GROUP + " in the answer");
				return;
			}
			long at = now;
			JsonNode checkedAt = status.path("checked_at");
			if (checkedAt.isString()) {
				try {
					at = Instant.parse(checkedAt.asString()).toEpochMilli();
				}
				catch (DateTimeException ex) {
					// dated by the poll
				}
			}
			record(new Measurement(at, lag.longValue()));
		}
		catch (JacksonException ex) {
			failed("not JSON: " + answer.summary());
		}
	}

	private synchronized void record(Measurement measurement) {
		Measurement last = this.measurements.isEmpty() ? null : this.measurements.get(this.measurements.size() - 1);
		if (last != null && last.epochMillis() >= measurement.epochMillis()) {
			// the same measurement read again
			return;
		}
		this.measurements.add(measurement);
		this.latest = measurement;
	}

	private void failed(String reason) {
		this.failures.incrementAndGet();
		if (this.failureSaid.compareAndSet(false, true)) {
			this.terminal.message("simulator: --lag-url " + this.url + "/status: " + reason
					+ "; polling on every second (failures are counted)");
		}
	}

	/**
	 * The latest measurement.
	 * @return records behind, or -1 before the first
	 */
	public long latestLag() {
		Measurement last = this.latest;
		return (last != null) ? last.lag() : -1;
	}

	/** Polls without a usable answer so far. */
	public long failures() {
		return this.failures.get();
	}

	/**
	 * For the progress line.
	 * @return e.g. {@code lag 12,345}
	 */
	public String progress() {
		long lag = latestLag();
		return (lag < 0) ? "lag -" : "lag " + Format.count(lag);
	}

	/**
	 * After the last send: wait until a measurement made after it shows the archive
	 * caught up (lag 0), the time is up, or a stop is asked for.
	 * @param stopEpochMillis when the last send was made
	 * @param timeout the longest wait
	 * @param stop whether to give up now
	 * @return whether the lag reached 0
	 */
	public boolean awaitDrained(long stopEpochMillis, Duration timeout, BooleanSupplier stop) {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		long nextLine = start;
		this.terminal.message("lag: waiting up to " + Format.seconds(timeout.toNanos())
				+ " for the archive to catch up (lag 0 at " + this.url + ")");
		while (!stop.getAsBoolean()) {
			Measurement last = this.latest;
			if (last != null && last.epochMillis() > stopEpochMillis && last.lag() == 0) {
				this.terminal.endStatus();
				return true;
			}
			long now = System.nanoTime();
			if (now - deadline >= 0) {
				break;
			}
			if (now - nextLine >= 0) {
				this.terminal.status(
						String.format(Locale.ROOT, "[%4ds] lag-wait %s", (now - start) / 1_000_000_000L, progress()));
				nextLine += 1_000_000_000L;
			}
			LockSupport.parkNanos(50_000_000L);
		}
		this.terminal.endStatus();
		return false;
	}

	/**
	 * Stop polling, and sum up.
	 * @param clock the run's time line
	 * @param normal the lag that counts as normal
	 * @param burstEndSeconds the burst's end on the run's time line, or NaN
	 * @return the figures
	 */
	public LagFigures finish(RunClock clock, long normal, double burstEndSeconds) {
		close();
		List<LagFigures.Sample> series = new ArrayList<>();
		synchronized (this) {
			for (Measurement measurement : this.measurements) {
				series.add(new LagFigures.Sample(clock.seconds(measurement.epochMillis()), measurement.lag()));
			}
		}
		return new LagFigures(this.url.toString(), normal, this.polls.get(), this.failures.get(), this.starting.get(),
				series, burstEndSeconds, clock.stopSeconds());
	}

	@Override
	public void close() {
		// a poll under way ends by itself (within its timeout); no new one starts
		this.timer.shutdown();
		try {
			this.timer.awaitTermination(REQUEST_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.transport.close();
	}

	private static String reason(RuntimeException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException && cause.getMessage() != null) {
				return firstLine(cause.getMessage());
			}
		}
		return (ex.getMessage() != null) ? firstLine(ex.getMessage()) : ex.getClass().getSimpleName();
	}

	private static String firstLine(String text) {
		int newline = text.indexOf('\n');
		return (newline < 0) ? text : text.substring(0, newline);
	}

	private record Measurement(long epochMillis, long lag) {

	}

}
