package io.beacon.simulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.beacon.testsupport.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole run with a burst, the WebSocket probe and the lag, against the stub pipeline:
 * the report's sections, the JSON, and the promises deciding the exit status.
 */
class SimulatorProbesTest {

	@Test
	void measuresTheDelayAndTheLagThroughABurstAndWritesItAllAsJson(@TempDir Path dir) throws Exception {
		Path json = dir.resolve("run.json");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		Simulator.Outcome outcome;
		try (StubPipeline stub = new StubPipeline(0)) {
			outcome = new Simulator(print(out), print(err), false).execute("--agents", "200", "--rate", "200",
					"--duration", "4s", "--burst-rate", "600", "--burst-at", "1s", "--burst-for", "1s", "--batch", "20",
					"--url", stub.url().toString(), "--ws-url", stub.wsUrl().toString(), "--lag-url",
					stub.url().toString(), "--report-json", json.toString(), "--slo");
		}
		String report = out.toString(StandardCharsets.UTF_8);
		assertThat(outcome.exitCode()).as(report + err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(report).contains("burst 600 events/s at 1s for 1s", "websocket ws://127.0.0.1:",
				"archive lag http://127.0.0.1:", "SLO held: ingest-to-dashboard p99 under 1 s in every second",
				"SLO held: archive lag back to normal within 30 s of the burst's end");
		assertThat(err.toString(StandardCharsets.UTF_8)).contains(" burst ", "target 600/s", "target 200/s", "ws p99",
				"lag ");
		long accepted = outcome.summary().totals().accepted();
		// 1 s at 600/s and 3 s at 200/s
		assertThat(accepted).isBetween(1000L, 1300L);
		assertThat(outcome.ws().ownEvents()).isEqualTo(accepted);
		assertThat(outcome.ws().burstEvents()).isGreaterThan(400);
		assertThat(outcome.lag().drainSeconds()).isNotNaN();

		JsonNode run = JsonMapper.builder().build().readTree(json.toFile());
		assertThat(run.path("options").path("burst").path("rate").asDouble()).isEqualTo(600);
		assertThat(run.path("totals").path("accepted").asLong()).isEqualTo(accepted);
		assertThat(run.path("ws").path("run_events").asLong()).isEqualTo(accepted);
		assertThat(run.path("ws").path("delay_ms").path("p99").isNumber()).isTrue();
		assertThat(run.path("ws").path("worst_second").path("p99_ms").asDouble()).isLessThan(1000);
		assertThat(run.path("ws").path("per_second").size()).isGreaterThanOrEqualTo(4);
		assertThat(run.path("ws").path("burst").path("p99_ms").isNumber()).isTrue();
		assertThat(run.path("lag").path("series").size()).isGreaterThan(2);
		assertThat(run.path("lag").path("normal_after_burst_s").isNumber()).isTrue();
		assertThat(run.path("lag").path("drain_s").isNumber()).isTrue();
		assertThat(run.path("slo").path("failures").size()).isZero();
		assertThat(run.path("verify").isNull()).isTrue();
		assertThat(run.path("exit_code").asInt()).isZero();
	}

	@Test
	void aBroadcasterThatIsNotThereIsOneLineAndTheRunGoesOnButTheDelayPromiseFails() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		Simulator.Outcome outcome;
		try (StubPipeline stub = new StubPipeline(0)) {
			outcome = new Simulator(print(out), print(err), false).execute("--agents", "10", "--rate", "50",
					"--duration", "1s", "--url", stub.url().toString(), "--ws-url",
					"ws://127.0.0.1:" + FreePorts.next() + "/ws", "--slo");
		}
		assertThat(outcome.summary().totals().accepted()).isPositive();
		assertThat(outcome.exitCode()).isEqualTo(Simulator.PROBLEM);
		String said = err.toString(StandardCharsets.UTF_8);
		assertThat(said).contains("does not answer", "the WebSocket probe did not connect").doesNotContain("\tat ");
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("SLO FAILED: ingest-to-dashboard");
	}

	private static PrintStream print(ByteArrayOutputStream bytes) {
		return new PrintStream(bytes, true, StandardCharsets.UTF_8);
	}

}
