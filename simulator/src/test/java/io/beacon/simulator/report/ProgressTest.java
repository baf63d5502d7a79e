package io.beacon.simulator.report;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void showsTotalsAndTheLastSecondsRateAndLatencies() {
		Counters counters = new Counters();
		Latencies latencies = new Latencies();
		Progress progress = new Progress(counters, latencies, () -> 3, () -> "sending",
				new Terminal(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false), 0);
		counters.sent(25);
		counters.accepted(20);
		counters.retried(2);
		counters.behindNoAgent(4);
		for (int i = 0; i < 20; i++) {
			latencies.record(4_000_000);
		}
		String first = progress.line(SECOND);
		assertThat(first).contains("[   1s] sending", "sent 25", "accepted 20", "rejected 0", "retried 2", "20.0 ev/s",
				"p50 4.0 ms", "p99 4.0 ms", "in flight 3", "behind 4");
		counters.accepted(10);
		String second = progress.line(3 * SECOND);
		assertThat(second).contains("[   3s]", "accepted 30", "5.0 ev/s", "p50 -");
	}

	@Test
	void rewritesItsLineOnATerminalAndPrintsALineEachTimeOtherwise() {
		ByteArrayOutputStream tty = new ByteArrayOutputStream();
		Terminal terminal = new Terminal(new PrintStream(tty, true, StandardCharsets.UTF_8), true);
		terminal.status("one");
		terminal.status("two");
		terminal.message("done");
		assertThat(tty.toString(StandardCharsets.UTF_8)).isEqualTo("\rone\033[K\rtwo\033[K\ndone\n");
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		Terminal plain = new Terminal(new PrintStream(log, true, StandardCharsets.UTF_8), false);
		plain.status("one");
		plain.status("two");
		plain.endStatus();
		assertThat(log.toString(StandardCharsets.UTF_8))
			.isEqualTo("one" + System.lineSeparator() + "two" + System.lineSeparator());
	}

}
