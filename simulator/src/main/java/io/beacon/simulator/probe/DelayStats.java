package io.beacon.simulator.probe;

import java.util.ArrayList;
import java.util.List;

import io.beacon.common.Timestamps;
import io.beacon.simulator.report.LatencyHistogram;
import io.beacon.simulator.report.WsFigures;

/**
 * The delays of this run's events as their frames arrive: over the whole run, per second
 * of the run (by arrival) and during the burst, with the frames' counts. Frames come from
 * one connection's thread at a time; the progress line and the report read from others.
 */
public final class DelayStats implements FrameScan.Sink {

	private final FrameScan scan;

	private final RunClock clock;

	private final long burstFromMillis;

	private final long burstToMillis;

	private final LatencyHistogram total = new LatencyHistogram();

	private final LatencyHistogram burst = new LatencyHistogram();

	private final List<WsFigures.Window> windows = new ArrayList<>();

	private LatencyHistogram window = new LatencyHistogram();

	private long windowSecond = Long.MIN_VALUE;

	private long arrivalMicros;

	private long frames;

	private long eventFrames;

	private long eventsSeen;

	private long ownEvents;

	private long conflatedFrames;

	private long skippedEvents;

	private long malformedFrames;

	private long noReceivedAt;

	private volatile WsFigures.Window lastWindow;

	/**
	 * @param agentPrefix what this run's agent ids start with
	 * @param clock the run's time line
	 * @param burstFromMillis the burst's start from the run's start, or -1 without one
	 * @param burstToMillis its end (excluded)
	 */
	public DelayStats(String agentPrefix, RunClock clock, long burstFromMillis, long burstToMillis) {
		this.scan = new FrameScan(agentPrefix);
		this.clock = clock;
		this.burstFromMillis = burstFromMillis;
		this.burstToMillis = burstToMillis;
	}

	/**
	 * One frame read.
	 * @param arrivalMillis when it was read, {@link System#currentTimeMillis()}
	 * @param bytes its text, UTF-8
	 * @param length how many of the bytes are the frame
	 */
	public synchronized void frame(long arrivalMillis, byte[] bytes, int length) {
		this.frames++;
		this.arrivalMicros = arrivalMillis * 1000;
		boolean timed = this.clock.started();
		if (timed) {
			long second = Math.floorDiv(arrivalMillis - this.clock.startEpochMillis(), 1000);
			if (second != this.windowSecond) {
				closeWindow();
				this.windowSecond = second;
			}
		}
		FrameScan.Kind kind = this.scan.scan(bytes, length, this);
		if (kind == FrameScan.Kind.MALFORMED) {
			this.malformedFrames++;
		}
		else if (kind == FrameScan.Kind.EVENTS) {
			this.eventFrames++;
			this.eventsSeen += this.scan.events();
			this.skippedEvents += this.scan.skipped();
			if (this.scan.conflated()) {
				this.conflatedFrames++;
			}
		}
	}

	@Override
	public void event(boolean own, long receivedAtMicros) {
		if (!own) {
			return;
		}
		this.ownEvents++;
		if (receivedAtMicros == Timestamps.INVALID) {
			this.noReceivedAt++;
			return;
		}
		long delay = this.arrivalMicros - receivedAtMicros;
		this.total.record(delay);
		if (this.windowSecond != Long.MIN_VALUE) {
			this.window.record(delay);
			long sinceStartMillis = this.arrivalMicros / 1000 - this.clock.startEpochMillis();
			if (sinceStartMillis >= this.burstFromMillis && sinceStartMillis < this.burstToMillis) {
				this.burst.record(delay);
			}
		}
	}

	/**
	 * Close the second under way when it is over, so that the progress line shows it even
	 * when no frame follows.
	 * @param nowMillis {@link System#currentTimeMillis()}
	 */
	public synchronized void tick(long nowMillis) {
		if (this.clock.started() && this.windowSecond != Long.MIN_VALUE
				&& Math.floorDiv(nowMillis - this.clock.startEpochMillis(), 1000) > this.windowSecond) {
			closeWindow();
			this.windowSecond = Long.MIN_VALUE;
		}
	}

	private void closeWindow() {
		if (this.window.count() > 0) {
			WsFigures.Window closed = new WsFigures.Window(this.windowSecond, this.window.count(),
					this.window.percentile(50), this.window.percentile(99), this.window.max());
			this.windows.add(closed);
			this.lastWindow = closed;
			this.window = new LatencyHistogram();
		}
	}

	/**
	 * The last second that had events of the run.
	 * @return the window, or {@code null}
	 */
	public WsFigures.Window lastWindow() {
		return this.lastWindow;
	}

	/** Frames read so far. */
	public synchronized long frames() {
		return this.frames;
	}

	/** This run's events seen so far. */
	public synchronized long ownEvents() {
		return this.ownEvents;
	}

	/**
	 * Everything, once the connection is closed; the second under way is closed too.
	 * @param url the WebSocket
	 * @param disconnects drops of the connection
	 * @param lastClose the last close status, or {@code null}
	 * @return the figures
	 */
	public synchronized WsFigures figures(String url, long disconnects, String lastClose) {
		closeWindow();
		this.windowSecond = Long.MIN_VALUE;
		boolean burstGiven = this.burstFromMillis >= 0;
		return new WsFigures(url, true, this.frames, this.eventFrames, this.eventsSeen, this.ownEvents,
				this.total.percentile(50), this.total.percentile(99), this.total.max(), List.copyOf(this.windows),
				burstGiven ? this.burstFromMillis / 1000.0 : Double.NaN,
				burstGiven ? this.burstToMillis / 1000.0 : Double.NaN, this.burst.count(), this.burst.percentile(99),
				this.conflatedFrames, this.skippedEvents, this.malformedFrames, this.noReceivedAt, disconnects,
				lastClose);
	}

	/**
	 * The figures of a probe that never connected.
	 * @param url the WebSocket
	 * @return the figures
	 */
	public static WsFigures notConnected(String url) {
		return new WsFigures(url, false, 0, 0, 0, 0, 0, 0, 0, List.of(), Double.NaN, Double.NaN, 0, 0, 0, 0, 0, 0, 0,
				null);
	}

}
