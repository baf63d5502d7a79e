package io.beacon.broadcaster.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The beat of every client: each {@code frame-interval} the events waiting may leave, and
 * each {@code stats-interval} a fresh stats frame is offered. One thread for all clients;
 * it only moves frames into connections that are ready, never waits on one.
 */
public final class Pacer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Pacer.class);

	private final Hub hub;

	private final Duration frameInterval;

	private final long statsIntervalNanos;

	private final Clock clock;

	private ScheduledExecutorService executor;

	private long lastStatsAt;

	private long lastReceived;

	public Pacer(Hub hub, Duration frameInterval, Duration statsInterval, Clock clock) {
		this.hub = hub;
		this.frameInterval = frameInterval;
		this.statsIntervalNanos = statsInterval.toNanos();
		this.clock = clock;
	}

	@Override
	public void start() {
		this.lastStatsAt = System.nanoTime();
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "broadcast-pacer");
			thread.setDaemon(true);
			return thread;
		});
		ScheduledExecutorService beats = this.executor;
		// a frame's worth of events leaves between beats, on this thread, not the
		// consumer's
		this.hub.wakeWith((outbox) -> beats.execute(outbox::wakeUp));
		long period = this.frameInterval.toNanos();
		this.executor.scheduleAtFixedRate(this::beat, period, period, TimeUnit.NANOSECONDS);
	}

	private void beat() {
		try {
			long now = System.nanoTime();
			byte[] stats = null;
			if (now - this.lastStatsAt >= this.statsIntervalNanos) {
				long received = this.hub.received();
				double seconds = (now - this.lastStatsAt) / 1e9;
				stats = this.hub.stats((received - this.lastReceived) / seconds, this.clock.instant());
				this.lastReceived = received;
				this.lastStatsAt = now;
			}
			this.hub.tick(now, stats);
		}
		catch (RuntimeException ex) {
			// an exception would cancel the schedule and silence every client
			logger.error("Pacer beat failed", ex);
		}
	}

	@Override
	public void stop() {
		this.hub.wakeWith(Outbox::wakeUp);
		this.executor.shutdownNow();
		this.hub.closeAll("the broadcaster is shutting down");
	}

	@Override
	public boolean isRunning() {
		return this.executor != null && !this.executor.isShutdown();
	}

}
