package io.beacon.simulator.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FinalReportTest {

	@Test
	void linesUpTheCountsAndNamesWhereTheTimeWent() {
		Counters.Totals totals = new Counters.Totals(12_000, 11_990, 3, 7, 40, 12_040, 30, 2, 5, 3, 0, 11, 0,
				List.of("400 {\"error\":\"invalid_event\"}"));
		RunSummary run = new RunSummary("abc123", "http://localhost:8000", 1000, 20_000, 0, 64, 2_000_000_000L, totals,
				12_040, 3_100, 8_200, 12_400);
		assertThat(FinalReport.format(run)).isEqualTo("""
				run abc123: 1,000 agents, target 20,000 events/s, single events to http://localhost:8000, 2.0 s
				  sent      12,000  events
				  accepted  11,990  5,995 events/s
				  rejected       3  4xx, not sent again
				  failed         7  given up: no answer when the run ended, or an unexpected answer (0)
				  retried       40  503: 30, other 5xx: 2, timeouts: 5, connection errors: 3
				  requests  12,040
				  behind        11  sends the pacer could not make: no agent ready 11, all 64 connections busy 0
				  latency   p50 3.1 ms, p99 8.2 ms, max 12.4 ms (per request)
				  e.g. rejected: 400 {"error":"invalid_event"}
				""");
	}

	@Test
	void showsTheWebSocketDelaysWorstSecondAndBurst() {
		WsFigures ws = new WsFigures("ws://localhost:8001/ws", true, 1300, 1200, 2_000_000, 1_000_000, 120_000, 480_000,
				910_000,
				List.of(new WsFigures.Window(3, 20_000, 100_000, 300_000, 400_000),
						new WsFigures.Window(47, 50_000, 200_000, 870_000, 910_000)),
				45, 75, 1_500_000, 610_000, 2, 700, 0, 0, 1, "1008 too slow");
		assertThat(FinalReport.websocket(ws)).isEqualTo("""
				websocket ws://localhost:8001/ws
				  events    1,000,000 of this run (of 2,000,000 in 1,200 events frames)
				  delay     p50 120 ms, p99 480 ms, max 910 ms (frame read here - received_at at the gateway)
				  worst     p99 870 ms in second 47 (50,000 events; 2 seconds with events)
				  burst     45-75 s: p99 610 ms over 1,500,000 events
				  slow      conflated frames 2, skipped events 700, disconnects 1 (last close: 1008 too slow)
				""");
		assertThat(FinalReport.websocket(new WsFigures("ws://x/ws", false, 0, 0, 0, 0, 0, 0, 0, List.of(), Double.NaN,
				Double.NaN, 0, 0, 0, 0, 0, 0, 0, null)))
			.isEqualTo("websocket ws://x/ws\n  not connected: no delays measured\n");
	}

}
