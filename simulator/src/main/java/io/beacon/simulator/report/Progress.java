package io.beacon.simulator.report;

import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The live progress line, once a second: totals so far, then the last second's rate and
 * latencies, requests in flight and sends the pacer could not make.
 */
public final class Progress implements Runnable {

	private final Counters counters;

	private final Latencies latencies;

	private final IntSupplier inFlight;

	private final Supplier<String> phase;

	private final Terminal terminal;

	private final long startNanos;

	private final Supplier<String> extra;

	private long lastNanos;

	private long lastAccepted;

	/**
	 * @param counters the run's counters
	 * @param latencies the run's latencies
	 * @param inFlight requests in flight now
	 * @param phase what the run is doing: {@code sending}, {@code draining}
	 * @param terminal where the line goes
	 * @param startNanos the run's start, {@link System#nanoTime()}
	 */
	public Progress(Counters counters, Latencies latencies, IntSupplier inFlight, Supplier<String> phase,
			Terminal terminal, long startNanos) {
		this(counters, latencies, inFlight, phase, terminal, startNanos, () -> "");
	}

	/**
	 * @param counters the run's counters
	 * @param latencies the run's latencies
	 * @param inFlight requests in flight now
	 * @param phase what the run is doing: {@code sending}, {@code burst},
	 * {@code draining}
	 * @param terminal where the line goes
	 * @param startNanos the run's start, {@link System#nanoTime()}
	 * @param extra what goes at the end of the line (the target rate, the probes'
	 * figures), or empty
	 */
	public Progress(Counters counters, Latencies latencies, IntSupplier inFlight, Supplier<String> phase,
			Terminal terminal, long startNanos, Supplier<String> extra) {
		this.extra = extra;
		this.counters = counters;
		this.latencies = latencies;
		this.inFlight = inFlight;
		this.phase = phase;
		this.terminal = terminal;
		this.startNanos = startNanos;
		this.lastNanos = startNanos;
	}

	@Override
	public void run() {
		this.terminal.status(line(System.nanoTime()));
	}

	synchronized String line(long nowNanos) {
		Counters.Totals totals = this.counters.snapshot();
		LatencyHistogram interval = this.latencies.takeInterval();
		double seconds = Math.max(1e-9, (nowNanos - this.lastNanos) / 1e9);
		double rate = (totals.accepted() - this.lastAccepted) / seconds;
		this.lastNanos = nowNanos;
		this.lastAccepted = totals.accepted();
		long elapsedSeconds = (nowNanos - this.startNanos) / 1_000_000_000L;
		String latency = (interval.count() == 0) ? "p50 -  p99 -"
				: "p50 " + Format.millis(interval.percentile(50)) + "  p99 " + Format.millis(interval.percentile(99));
		String extra = this.extra.get();
		return String.format(Locale.ROOT,
				"[%4ds] %-8s sent %s  accepted %s  rejected %s  failed %s  retried %s"
						+ " | %s ev/s  %s | in flight %d  behind %s%s",
				elapsedSeconds, this.phase.get(), Format.count(totals.sent()), Format.count(totals.accepted()),
				Format.count(totals.rejected()), Format.count(totals.failed()), Format.count(totals.retried()),
				Format.rate(rate), latency, this.inFlight.getAsInt(), Format.count(totals.behind()),
				extra.isEmpty() ? "" : " | " + extra);
	}

}
