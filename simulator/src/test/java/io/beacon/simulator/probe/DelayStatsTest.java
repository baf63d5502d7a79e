package io.beacon.simulator.probe;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.beacon.simulator.report.WsFigures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DelayStatsTest {

	private static final long START = Instant.parse("2026-12-05T12:00:00Z").toEpochMilli();

	private final RunClock clock = new RunClock();

	@Test
	void keepsTheDelaysOverTheRunPerSecondAndDuringTheBurst() {
		this.clock.start(0, START);
		DelayStats stats = new DelayStats("sim-abc123-", this.clock, 2000, 3000);
		// second 0: 100 ms, second 1: 300 ms, second 2 (the burst): 900 ms, second 5: 50
		// ms
		feed(stats, START + 500, frame(START + 400, "sim-abc123-1", "other-1"));
		feed(stats, START + 1500, frame(START + 1200, "sim-abc123-2"));
		feed(stats, START + 2950, frame(START + 2050, "sim-abc123-3", "sim-abc123-4"));
		stats.tick(START + 3100);
		assertThat(stats.lastWindow()).isEqualTo(new WsFigures.Window(2, 2, 900_000, 900_000, 900_000));
		feed(stats, START + 5050, frame(START + 5000, "sim-abc123-5"));
		WsFigures figures = stats.figures("ws://x/ws", 1, "1008 too slow");
		assertThat(figures.ownEvents()).isEqualTo(5);
		assertThat(figures.eventsSeen()).isEqualTo(6);
		assertThat(figures.eventFrames()).isEqualTo(4);
		assertThat(figures.windows()).extracting(WsFigures.Window::second).containsExactly(0L, 1L, 2L, 5L);
		assertThat(figures.worst().second()).isEqualTo(2);
		assertThat(figures.worst().p99Micros()).isEqualTo(900_000);
		assertThat(figures.burstEvents()).isEqualTo(2);
		assertThat(figures.burstP99Micros()).isEqualTo(900_000);
		assertThat(figures.maxMicros()).isEqualTo(900_000);
		assertThat(figures.disconnects()).isEqualTo(1);
		assertThat(figures.lastClose()).isEqualTo("1008 too slow");
		assertThat(figures.sloFailure()).isNull();
	}

	@Test
	void countsConflatedFramesSkippedEventsAndWhatItCannotRead() {
		this.clock.start(0, START);
		DelayStats stats = new DelayStats("sim-abc123-", this.clock, -1, -1);
		byte[] conflated = ("{\"type\":\"events\",\"events\":[{\"agent_id\":\"sim-abc123-1\",\"received_at\":\"soon\"}],"
				+ "\"skipped\":700,\"conflated\":true}")
			.getBytes(StandardCharsets.UTF_8);
		stats.frame(START + 10, conflated, conflated.length);
		byte[] garbage = "{\"type\":".getBytes(StandardCharsets.UTF_8);
		stats.frame(START + 20, garbage, garbage.length);
		feed(stats, START + 1100, frame(START - 100, "sim-abc123-1"));
		WsFigures figures = stats.figures("ws://x/ws", 0, null);
		assertThat(figures.conflatedFrames()).isEqualTo(1);
		assertThat(figures.skippedEvents()).isEqualTo(700);
		assertThat(figures.malformedFrames()).isEqualTo(1);
		assertThat(figures.noReceivedAt()).isEqualTo(1);
		assertThat(figures.frames()).isEqualTo(3);
		assertThat(figures.hasBurst()).isFalse();
		assertThat(figures.worst().p99Micros()).isEqualTo(1_200_000);
		assertThat(figures.sloFailure()).contains("p99 1,200 ms in second 1");
	}

	@Test
	void failsThePromiseItCannotShow() {
		this.clock.start(0, START);
		assertThat(new DelayStats("sim-abc123-", this.clock, -1, -1).figures("ws://x/ws", 0, null).sloFailure())
			.contains("no event of the run");
		assertThat(DelayStats.notConnected("ws://x/ws").sloFailure()).contains("did not connect");
	}

	private static void feed(DelayStats stats, long arrivalMillis, byte[] frame) {
		stats.frame(arrivalMillis, frame, frame.length);
	}

	/** An events frame whose events were all received at one moment. */
	private static byte[] frame(long receivedAtMillis, String... agents) {
		byte[][] events = new byte[agents.length][];
		for (int i = 0; i < agents.length; i++) {
			events[i] = ("{\"event_id\":\"e\",\"agent_id\":\"" + agents[i] + "\",\"status\":\"idle\",\"metadata\":null,"
					+ "\"seq\":0,\"received_at\":\"" + Instant.ofEpochMilli(receivedAtMillis) + "\",\"gateway\":\"g\","
					+ "\"partition\":0,\"offset\":" + i + "}")
				.getBytes(StandardCharsets.UTF_8);
		}
		return FrameScanTest.eventsFrame(0, false, events);
	}

}
