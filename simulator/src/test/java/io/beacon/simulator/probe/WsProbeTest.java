package io.beacon.simulator.probe;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.beacon.simulator.report.Terminal;
import io.beacon.simulator.report.WsFigures;
import io.beacon.testsupport.FreePorts;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.websocket.WebsocketOutbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The probe against a real WebSocket server on a loopback port that sends what each test
 * scripts: frames as the broadcaster writes them, a close as it closes a slow client.
 */
class WsProbeTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final Terminal terminal = new Terminal(new PrintStream(this.err, true, StandardCharsets.UTF_8), false);

	private final RunClock clock = new RunClock();

	private DisposableServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.disposeNow(WAIT);
		}
	}

	@Test
	void measuresTheDelayOfThisRunsEventsFromTheFramesItReads() {
		List<Sinks.Many<String>> clients = new CopyOnWriteArrayList<>();
		serve((out) -> {
			Sinks.Many<String> frames = Sinks.many().unicast().onBackpressureBuffer();
			clients.add(frames);
			return out.sendString(frames.asFlux());
		});
		this.clock.start(System.nanoTime(), System.currentTimeMillis());
		WsProbe probe = WsProbe.open(url(), new DelayStats("sim-abc123-", this.clock, -1, -1), this.terminal);
		assertThat(probe).isNotNull();
		await().atMost(WAIT).until(() -> clients.size() == 1);
		long receivedAt = System.currentTimeMillis() - 250;
		clients.get(0).tryEmitNext("{\"type\":\"snapshot\",\"agents\":[],\"part\":0,\"last\":true,\"total\":0}");
		clients.get(0).tryEmitNext(frame(receivedAt, "sim-abc123-1", "other-2", "sim-abc123-3"));
		clients.get(0).tryEmitNext("{\"type\":\"events\",\"events\":[],\"skipped\":40,\"conflated\":true}");
		await().atMost(WAIT).until(() -> probe.frames() == 3);
		WsFigures figures = probe.finish();
		assertThat(figures.connected()).isTrue();
		assertThat(figures.frames()).isEqualTo(3);
		assertThat(figures.eventsSeen()).isEqualTo(3);
		assertThat(figures.ownEvents()).isEqualTo(2);
		assertThat(figures.p50Micros()).isBetween(250_000L, 20_000_000L);
		assertThat(figures.conflatedFrames()).isEqualTo(1);
		assertThat(figures.skippedEvents()).isEqualTo(40);
		assertThat(figures.disconnects()).isZero();
		assertThat(figures.windows()).hasSize(1);
	}

	@Test
	void connectsAgainWhenTheServerDropsItAndCountsTheDrops() {
		AtomicInteger connections = new AtomicInteger();
		serve((out) -> {
			int n = connections.incrementAndGet();
			if (n <= 2) {
				// as the broadcaster closes a client that reads too slowly
				return out.sendString(Flux.just(frame(System.currentTimeMillis(), "sim-abc123-1")))
					.then(out.sendClose(WebSocketCloseStatus.POLICY_VIOLATION.code(), "too slow"));
			}
			return out
				.sendString(Flux.just(frame(System.currentTimeMillis(), "sim-abc123-2")).concatWith(Flux.never()));
		});
		this.clock.start(System.nanoTime(), System.currentTimeMillis());
		WsProbe probe = WsProbe.open(url(), new DelayStats("sim-abc123-", this.clock, -1, -1), this.terminal);
		assertThat(probe).isNotNull();
		await().atMost(WAIT).until(() -> connections.get() == 3 && probe.frames() == 3);
		WsFigures figures = probe.finish();
		assertThat(figures.disconnects()).isEqualTo(2);
		assertThat(figures.ownEvents()).isEqualTo(3);
		assertThat(figures.lastClose()).isEqualTo("1008 too slow");
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("dropped", "connecting again");
	}

	@Test
	void saysInOneLineThatNothingAnswersAndGivesNoProbe() {
		URI nothing = URI.create("ws://127.0.0.1:" + FreePorts.next() + "/ws");
		assertThat(WsProbe.open(nothing, new DelayStats("sim-abc123-", this.clock, -1, -1), this.terminal)).isNull();
		String said = this.err.toString(StandardCharsets.UTF_8);
		assertThat(said.lines()).hasSize(1);
		assertThat(said).contains("--ws-url " + nothing, "does not answer", "goes on without")
			.doesNotContain("Exception");
	}

	@Test
	void saysInOneLineThatTheServerRefusesTheUpgrade() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/ws", (request, response) -> response.status(403).send()))
			.bindNow();
		assertThat(WsProbe.open(url(), new DelayStats("sim-abc123-", this.clock, -1, -1), this.terminal)).isNull();
		assertThat(this.err.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
	}

	private void serve(java.util.function.Function<WebsocketOutbound, org.reactivestreams.Publisher<Void>> handler) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.ws("/ws", (in, out) -> Mono.from(handler.apply(out))))
			.bindNow();
	}

	private URI url() {
		return URI.create("ws://127.0.0.1:" + this.server.port() + "/ws");
	}

	private static String frame(long receivedAtMillis, String... agents) {
		StringBuilder frame = new StringBuilder("{\"type\":\"events\",\"events\":[");
		for (int i = 0; i < agents.length; i++) {
			frame.append((i > 0) ? "," : "")
				.append("{\"event_id\":\"e\",\"agent_id\":\"")
				.append(agents[i])
				.append("\",\"status\":\"idle\",\"timestamp\":\"2026-12-05T12:00:00Z\",\"metadata\":{\"run\":\"abc123\"},")
				.append("\"seq\":0,\"received_at\":\"")
				.append(Instant.ofEpochMilli(receivedAtMillis))
				.append("\",\"gateway\":\"g\",\"partition\":0,\"offset\":")
				.append(i)
				.append('}');
		}
		return frame.append("],\"skipped\":0,\"conflated\":false}").toString();
	}

}
