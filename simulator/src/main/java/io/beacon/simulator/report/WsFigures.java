package io.beacon.simulator.report;

import java.util.Comparator;
import java.util.List;

/**
 * What the WebSocket probe saw: the delay from the gateway's {@code received_at} to the
 * arrival of the event's frame at the simulator, for this run's events.
 *
 * @param url the broadcaster's WebSocket
 * @param connected whether it connected at the start (when not, nothing else counts)
 * @param frames frames read
 * @param eventFrames {@code events} frames among them
 * @param eventsSeen events in them, every agent's
 * @param ownEvents this run's among them: the delays
 * @param p50Micros median delay
 * @param p99Micros 99th percentile delay
 * @param maxMicros longest delay
 * @param windows per second of the run (by arrival), the seconds with events of the run
 * @param burstFromSeconds the burst's start, or NaN without a burst
 * @param burstToSeconds the burst's end, or NaN
 * @param burstEvents this run's events that arrived during the burst
 * @param burstP99Micros their 99th percentile delay
 * @param conflatedFrames frames of conflated states (the broadcaster found this client
 * slow)
 * @param skippedEvents events the broadcaster skipped for this client
 * @param malformedFrames frames that were not the protocol's JSON
 * @param noReceivedAt this run's events without a readable {@code received_at}
 * @param disconnects times the connection dropped and was opened again
 * @param lastClose the last close status from the server, or {@code null}
 */
public record WsFigures(String url, boolean connected, long frames, long eventFrames, long eventsSeen, long ownEvents,
		long p50Micros, long p99Micros, long maxMicros, List<Window> windows, double burstFromSeconds,
		double burstToSeconds, long burstEvents, long burstP99Micros, long conflatedFrames, long skippedEvents,
		long malformedFrames, long noReceivedAt, long disconnects, String lastClose) {

	/** The promise: every second's p99 under this. */
	public static final long SLO_P99_MICROS = 1_000_000;

	/**
	 * The second with the highest p99.
	 * @return the window, or {@code null} when none had events
	 */
	public Window worst() {
		return this.windows.stream().max(Comparator.comparingLong(Window::p99Micros)).orElse(null);
	}

	/** Whether the run had a burst. */
	public boolean hasBurst() {
		return !Double.isNaN(this.burstFromSeconds);
	}

	/**
	 * Why the delay promise failed.
	 * @return the reason, or {@code null} when it held
	 */
	public String sloFailure() {
		if (!this.connected) {
			return "ingest-to-dashboard p99 unknown: the WebSocket probe did not connect";
		}
		Window worst = worst();
		if (worst == null) {
			return "ingest-to-dashboard p99 unknown: no event of the run came over the WebSocket";
		}
		if (worst.p99Micros() >= SLO_P99_MICROS) {
			return "ingest-to-dashboard p99 " + Format.millis(worst.p99Micros()) + " in second " + worst.second()
					+ " (must stay under 1 s in every second)";
		}
		return null;
	}

	/**
	 * One second of the run.
	 *
	 * @param second from the start of sending, by arrival time
	 * @param count this run's events that arrived in it
	 * @param p50Micros their median delay
	 * @param p99Micros their 99th percentile delay
	 * @param maxMicros their longest delay
	 */
	public record Window(long second, long count, long p50Micros, long p99Micros, long maxMicros) {

	}

}
