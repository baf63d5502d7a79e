package io.beacon.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.beacon.simulator.agent.Agent;
import io.beacon.simulator.agent.Swarm;
import io.beacon.simulator.cli.Options;
import io.beacon.simulator.pace.BurstSchedule;
import io.beacon.simulator.pace.Pacer;
import io.beacon.simulator.pace.RateSchedule;
import io.beacon.simulator.probe.RunClock;
import io.beacon.simulator.report.Counters;
import io.beacon.simulator.report.Format;
import io.beacon.simulator.report.Latencies;
import io.beacon.simulator.report.LatencyHistogram;
import io.beacon.simulator.report.Progress;
import io.beacon.simulator.report.RunSummary;
import io.beacon.simulator.report.Terminal;
import io.beacon.simulator.send.Sender;
import io.beacon.simulator.send.Transport;

/**
 * One load run: the pacer hands the due sends to ready agents until the duration is over
 * or a stop is asked for; then the run waits (bounded) for the answers still out, gives
 * up on the rest, and sums up.
 */
final class LoadRun {

	/** How long answers still out after the last send are waited for. */
	static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);

	/** How long given-up requests take to fail once their connections are closed. */
	private static final Duration ABANDON_TIMEOUT = Duration.ofSeconds(2);

	/** How long a batch that is not full waits for more events before it goes. */
	static final Duration BATCH_LINGER = Duration.ofMillis(50);

	private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

	/** Gateways and the load balancer answer it; anything else at the URL will do too. */
	private static final String WARM_UP_PATH = "/actuator/health";

	private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * Shortest nap of the pacer. Each wake-up costs tens of microseconds of CPU on a VM;
	 * at 1 ms the pacer wakes at most 1,000 times a second and still spreads 20,000
	 * events a second as 20 every millisecond (at 100 µs it took most of a core).
	 */
	private static final long MIN_PARK_NANOS = 1_000_000;

	private static final long DRAIN_POLL_NANOS = 10_000_000;

	private final Options options;

	private final Swarm swarm;

	private final Terminal terminal;

	private final Counters counters = new Counters();

	private final Latencies latencies = new Latencies();

	private final RunClock clock;

	private final Supplier<String> probes;

	private final RateSchedule schedule;

	private volatile boolean stopRequested;

	private volatile String phase = "sending";

	LoadRun(Options options, Swarm swarm, Terminal terminal) {
		this(options, swarm, terminal, new RunClock(), () -> "");
	}

	/**
	 * @param options the run
	 * @param swarm its agents
	 * @param terminal where progress goes
	 * @param clock told when sending starts and stops
	 * @param probes the probes' part of the progress line, or empty
	 */
	LoadRun(Options options, Swarm swarm, Terminal terminal, RunClock clock, Supplier<String> probes) {
		this.options = options;
		this.swarm = swarm;
		this.terminal = terminal;
		this.clock = clock;
		this.probes = probes;
		this.schedule = schedule(options);
	}

	/**
	 * The target rate over the run: {@code --rate}, with the burst when one is given.
	 * @param options the run
	 * @return the schedule
	 */
	static RateSchedule schedule(Options options) {
		Options.Burst burst = options.burst();
		return (burst == null) ? RateSchedule.constant(options.rate())
				: RateSchedule.burst(options.rate(), burst.rate(), burst.at().toNanos(), burst.length().toNanos());
	}

	/** Stop sending; the answers still out are waited for as after the duration. */
	void requestStop() {
		this.stopRequested = true;
	}

	Counters.Totals totals() {
		return this.counters.snapshot();
	}

	RunSummary run() {
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sim-timer");
			thread.setDaemon(true);
			return thread;
		});
		Transport transport = new Transport(this.options.url(), this.options.connections(),
				this.options.requestTimeout(), "sim-http");
		try {
			String unreachable = transport.warmUp(WARM_UP_PATH, WARM_UP_TIMEOUT);
			if (unreachable != null) {
				this.terminal.message("simulator: " + this.options.url() + " does not answer (" + unreachable
						+ "): is the stack running (./start.sh)? Events are retried until it answers or the run ends.");
			}
			Sender sender = new Sender(transport, this.options.batched(), this.swarm, this.counters, this.latencies,
					timer);
			long start = System.nanoTime();
			this.clock.start(start, System.currentTimeMillis());
			Progress progress = new Progress(this.counters, this.latencies, sender::inFlight, () -> phase(start),
					this.terminal, start, () -> extra(start));
			ScheduledFuture<?> progressTask = timer.scheduleAtFixedRate(progress, PROGRESS_INTERVAL.toNanos(),
					PROGRESS_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
			pace(sender, start);
			this.clock.sendingStopped(System.currentTimeMillis());
			this.phase = "draining";
			if (!drain(sender)) {
				sender.abandon();
				// closing fails what is still in flight, which counts it as failed
				transport.close();
				awaitNothingInFlight(sender);
			}
			long end = System.nanoTime();
			progressTask.cancel(false);
			this.phase = "done";
			progress.run();
			this.terminal.endStatus();
			this.swarm.ledger().freeze();
			LatencyHistogram latency = this.latencies.total();
			return new RunSummary(this.swarm.names().runId(), this.options.url().toString(), this.options.agents(),
					this.options.rate(), this.options.batch(), this.options.connections(), end - start,
					this.counters.snapshot(), latency.count(), latency.percentile(50), latency.percentile(99),
					latency.max());
		}
		finally {
			timer.shutdownNow();
			transport.close();
		}
	}

	private String phase(long start) {
		String now = this.phase;
		return ("sending".equals(now) && this.schedule instanceof BurstSchedule burst
				&& burst.inBurst(System.nanoTime() - start)) ? "burst" : now;
	}

	private String extra(long start) {
		String probesNow = this.probes.get();
		String target = "sending".equals(this.phase)
				? "target " + Format.rate(this.schedule.eventsPerSecond(System.nanoTime() - start)) + "/s" : "";
		if (target.isEmpty() || probesNow.isEmpty()) {
			return target + probesNow;
		}
		return target + "  " + probesNow;
	}

	private void pace(Sender sender, long start) {
		Pacer pacer = new Pacer(this.schedule, start);
		Duration duration = this.options.duration();
		long deadline = (duration != null) ? start + duration.toNanos() : Long.MAX_VALUE;
		int maxInFlight = this.options.connections();
		int batchSize = this.options.batched() ? this.options.batch() : 1;
		Agent[] batch = new Agent[batchSize];
		int batched = 0;
		long batchStarted = 0;
		long linger = BATCH_LINGER.toNanos();
		while (!this.stopRequested) {
			long now = System.nanoTime();
			if (duration != null && now - deadline >= 0) {
				break;
			}
			long due = pacer.due(now);
			long epochMillis = System.currentTimeMillis();
			for (long i = 0; i < due; i++) {
				if (batched == 0 && sender.inFlight() >= maxInFlight) {
					this.counters.behindConnections(due - i);
					break;
				}
				Agent agent = this.swarm.take(epochMillis);
				if (agent == null) {
					this.counters.behindNoAgent(due - i);
					break;
				}
				if (batched == 0) {
					batchStarted = now;
				}
				batch[batched++] = agent;
				if (batched == batchSize) {
					sender.send(Arrays.copyOf(batch, batched));
					batched = 0;
				}
			}
			if (batched > 0 && now - batchStarted >= linger) {
				sender.send(Arrays.copyOf(batch, batched));
				batched = 0;
			}
			long wait = pacer.nanosUntilNext(System.nanoTime());
			if (batched > 0) {
				wait = Math.min(wait, linger - (System.nanoTime() - batchStarted));
			}
			LockSupport.parkNanos(Math.max(MIN_PARK_NANOS, wait));
		}
		if (batched > 0) {
			sender.send(Arrays.copyOf(batch, batched));
		}
	}

	/** Whether every answer came within the drain timeout. */
	private boolean drain(Sender sender) {
		long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
		while (sender.outstanding() > 0) {
			if (System.nanoTime() - deadline >= 0) {
				this.terminal.message("simulator: " + sender.outstanding() + " requests still without an answer after "
						+ DRAIN_TIMEOUT.toSeconds() + " s; giving up on them");
				return false;
			}
			LockSupport.parkNanos(DRAIN_POLL_NANOS);
		}
		return true;
	}

	private void awaitNothingInFlight(Sender sender) {
		long deadline = System.nanoTime() + ABANDON_TIMEOUT.toNanos();
		while (sender.outstanding() > 0 && System.nanoTime() - deadline < 0) {
			LockSupport.parkNanos(DRAIN_POLL_NANOS);
		}
	}

}
