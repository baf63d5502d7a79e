package io.beacon.broadcaster;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import io.beacon.testsupport.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.beacon.testsupport.HostileRequests.anyService;
import static io.beacon.testsupport.HostileRequests.assertNoInternals;
import static io.beacon.testsupport.HostileRequests.assertOnlyHealthInfoAndPrometheusExposed;
import static io.beacon.testsupport.HostileRequests.cases;
import static io.beacon.testsupport.HostileRequests.get;
import static io.beacon.testsupport.HostileRequests.hostile;
import static io.beacon.testsupport.HostileRequests.largeBody;
import static io.beacon.testsupport.HostileRequests.largeHeader;
import static io.beacon.testsupport.HostileRequests.longQuery;
import static io.beacon.testsupport.HostileRequests.methodsOtherThan;
import static io.beacon.testsupport.HostileRequests.post;
import static io.beacon.testsupport.HostileRequests.request;
import static io.beacon.testsupport.HostileRequests.send;
import static io.beacon.testsupport.HostileRequests.traversalUnder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The security pass on {@code /ws} and {@code /stream}: hostile requests get a clear 4xx,
 * never a 500, without internals in the body; a browser page from another origin cannot
 * connect; a WebSocket frame over 64 KiB closes that connection with 1009 and nothing
 * else; only health, info and prometheus are exposed under {@code /actuator}.
 */
class HostileRequestsIT {

	/** The largest frame a client may send (Reactor Netty's default). */
	private static final int MAX_FRAME = 64 * 1024;

	private static RunningBroadcaster broadcaster;

	@BeforeAll
	static void start() {
		broadcaster = RunningBroadcaster.start(TestKafka.bootstrapServers(), TestKafka.createUniqueTopic("hostile", 12),
				"logging.level.io.beacon.broadcaster.ws=debug");
	}

	@AfterAll
	static void stop() {
		broadcaster.close();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("hostileRequests")
	void answersA4xxWithoutInternals(String description, Function<String, HttpRequest> request,
			List<Integer> statuses) {
		HttpResponse<String> response = send(request.apply(broadcaster.baseUrl()));
		assertThat(response.statusCode()).as("%s: %s", description, response.body()).isIn(statuses);
		assertNoInternals(description, response.body());
		if (!response.body().isEmpty() && response.statusCode() != 403) {
			assertThat(response.headers().firstValue("Content-Type")).as(description)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		}
	}

	static Stream<Arguments> hostileRequests() {
		return cases(
				Stream
					.of(largeBody("/stream", 8 * 1024 * 1024, 405),
							hostile("POST to /ws", post("/ws", "application/json", "{}"), 400, 404, 405),
							hostile("plain GET of /ws", get("/ws"), 400),
							hostile("bad snapshot value", get("/stream?snapshot=maybe"), 400),
							hostile("status too long", get("/stream?status=" + "s".repeat(65)), 400),
							longQuery("/stream", "agent_id", 400, 414), largeHeader(get("/stream"), 431),
							hostile("stream from another origin",
									request("/stream",
											(builder) -> builder.header("Origin", "http://evil.example").GET()),
									403),
							hostile("stream from a sandboxed page",
									request("/stream", (builder) -> builder.header("Origin", "null").GET()), 403)),
				methodsOtherThan("GET", "/stream"), traversalUnder("/stream"), anyService());
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "http://evil.example", "null", "http://localhost:5173.evil.example", "https://localhost:5173" })
	void aWebSocketFromAnotherOriginIsRefused(String origin) {
		assertThatThrownBy(() -> LiveClient.connect(broadcaster.webSocket(), origin))
			.isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOf(WebSocketHandshakeException.class)
			.satisfies(
					(ex) -> assertThat(((WebSocketHandshakeException) ex).getResponse().statusCode()).isEqualTo(403));
	}

	@Test
	void aFrameOverTheLimitClosesThatConnectionOnly() throws Exception {
		try (LiveClient bystander = LiveClient.connect(broadcaster.webSocket(), "http://localhost:5173");
				LiveClient hostile = LiveClient.connect(broadcaster.webSocket(), "http://localhost:5173")) {
			bystander.awaitSnapshot();
			hostile.awaitSnapshot();
			String oversized = "{\"type\":\"subscribe\",\"agent_ids\":[\"" + "a".repeat(MAX_FRAME) + "\"]}";
			try {
				hostile.send(oversized);
			}
			catch (CompletionException ex) {
				// the server may close before the whole frame is written
			}
			assertThat(hostile.closed().get(30, TimeUnit.SECONDS)).startsWith("1009");
			bystander.send("{\"type\":\"subscribe\",\"agent_ids\":[\"still-here\"]}");
			assertThat(bystander.awaitFrame("subscribed").json().path("agent_ids").get(0).asString())
				.isEqualTo("still-here");
		}
	}

	@Test
	void aFrameJustUnderTheLimitIsRead() {
		try (LiveClient client = LiveClient.connect(broadcaster.webSocket())) {
			client.awaitSnapshot();
			client.send("{\"type\":\"subscribe\",\"statuses\":[\"" + "s".repeat(MAX_FRAME - 100) + "\"]}");
			assertThat(client.awaitFrame("error").json().path("error").asString()).isEqualTo("invalid_message");
		}
	}

	@Test
	void exposesOnlyHealthInfoAndPrometheus() {
		assertOnlyHealthInfoAndPrometheusExposed(broadcaster.baseUrl());
	}

}
