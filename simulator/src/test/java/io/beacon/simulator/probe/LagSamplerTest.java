package io.beacon.simulator.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.beacon.simulator.report.LagFigures;
import io.beacon.simulator.report.Terminal;
import io.beacon.testsupport.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lag sampler against a real HTTP server on a loopback port that answers
 * {@code /status} as the watchtower does: {@code 503 starting} first, then the lag with
 * the time of its measurement, and a failure now and then.
 */
class LagSamplerTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final Duration FAST = Duration.ofMillis(20);

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final Terminal terminal = new Terminal(new PrintStream(this.err, true, StandardCharsets.UTF_8), false);

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void readsTheArchiversLagOnceAMeasurementToleratingStartingAndFailures() throws IOException {
		AtomicInteger requests = new AtomicInteger();
		AtomicLong lag = new AtomicLong(1234);
		long checkedAt = System.currentTimeMillis() + 2000;
		serve((exchange) -> {
			int n = requests.incrementAndGet();
			if (n == 1) {
				return answer(exchange, 503, "{\"error\":\"starting\"}");
			}
			if (n == 3) {
				return answer(exchange, 500, "oops");
			}
			if (n == 4) {
				return answer(exchange, 200, "{\"status\":\"up\"}");
			}
			// the watchtower measures every few seconds: one measurement read twice
			long at = checkedAt + ((n >= 6) ? 3000 : 0);
			return answer(exchange, 200, "{\"status\":\"up\",\"checked_at\":\"" + Instant.ofEpochMilli(at)
					+ "\",\"consumer_lag\":{\"beacon-archiver\":" + ((n >= 6) ? 0 : lag.get()) + "}}");
		});
		RunClock clock = new RunClock();
		clock.start(0, checkedAt - 10_000);
		try (LagSampler sampler = new LagSampler(url(), this.terminal, FAST)) {
			await().atMost(WAIT).until(() -> sampler.latestLag() == 0);
			assertThat(sampler.progress()).isEqualTo("lag 0");
			clock.sendingStopped(checkedAt + 1000);
			assertThat(sampler.awaitDrained(checkedAt + 1000, Duration.ofSeconds(10), () -> false)).isTrue();
			LagFigures figures = sampler.finish(clock, 100, 11);
			assertThat(figures.starting()).isEqualTo(1);
			assertThat(figures.failures()).isEqualTo(2);
			assertThat(figures.polls()).isGreaterThanOrEqualTo(6);
			assertThat(figures.series()).containsExactly(new LagFigures.Sample(10, 1234), new LagFigures.Sample(13, 0));
			assertThat(figures.max()).isEqualTo(new LagFigures.Sample(10, 1234));
			assertThat(figures.recoverySeconds()).isEqualTo(2);
			assertThat(figures.drainSeconds()).isEqualTo(2);
		}
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("--lag-url", "500").doesNotContain("Exception");
	}

	@Test
	void givesUpWaitingForTheDrainAtItsTimeoutOrWhenStopped() throws IOException {
		serve((exchange) -> answer(exchange, 200,
				"{\"checked_at\":\"" + Instant.now() + "\",\"consumer_lag\":{\"beacon-archiver\":500}}"));
		try (LagSampler sampler = new LagSampler(url(), this.terminal, FAST)) {
			await().atMost(WAIT).until(() -> sampler.latestLag() == 500);
			assertThat(sampler.awaitDrained(System.currentTimeMillis(), Duration.ofMillis(300), () -> false)).isFalse();
			assertThat(sampler.awaitDrained(System.currentTimeMillis(), Duration.ofSeconds(30), () -> true)).isFalse();
		}
	}

	@Test
	void countsAWatchtowerThatIsNotThereAndSaysItOnce() {
		URI nothing = URI.create("http://127.0.0.1:" + FreePorts.next());
		try (LagSampler sampler = new LagSampler(nothing, this.terminal, FAST)) {
			await().atMost(WAIT).until(() -> sampler.failures() >= 2);
		}
		String said = this.err.toString(StandardCharsets.UTF_8);
		assertThat(said.lines().filter((line) -> line.contains("--lag-url"))).hasSize(1);
		assertThat(said).doesNotContain("Exception", "\tat ");
	}

	private void serve(Handler handler) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/status", (exchange) -> handler.handle(exchange));
		this.server.start();
	}

	private URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	private static Void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
		return null;
	}

	@FunctionalInterface
	private interface Handler {

		Void handle(HttpExchange exchange) throws IOException;

	}

}
