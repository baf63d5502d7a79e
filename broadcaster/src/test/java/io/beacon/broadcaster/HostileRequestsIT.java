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
import tools.jackson.databind.json.JsonMapper;

import static io.beacon.testsupport.HostileRequests.assertNoInternals;
import static io.beacon.testsupport.HostileRequests.get;
import static io.beacon.testsupport.HostileRequests.hostile;
import static io.beacon.testsupport.HostileRequests.post;
import static io.beacon.testsupport.HostileRequests.request;
import static io.beacon.testsupport.HostileRequests.send;
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

	private static final JsonMapper json = JsonMapper.builder().build();

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
		return Stream.of(hostile("unknown path", get("/nothing-here"), 404),
				hostile("POST to the stream", post("/stream", "application/json", "{}"), 405),
				hostile("POST of 8 MiB to the stream", post("/stream", "application/json", "x".repeat(8 << 20)), 405),
				hostile("POST to /ws", post("/ws", "application/json", "{}"), 400, 404, 405),
				hostile("plain GET of /ws", get("/ws"), 400),
				hostile("bad snapshot value", get("/stream?snapshot=maybe"), 400),
				hostile("status too long", get("/stream?status=" + "s".repeat(65)), 400),
				hostile("10 KiB query string", get("/stream?agent_id=" + "a".repeat(10 * 1024)), 400, 414),
				hostile("20 KiB header",
						request("/stream", (builder) -> builder.header("X-Pad", "x".repeat(20 * 1024)).GET()), 431),
				hostile("stream from another origin",
						request("/stream", (builder) -> builder.header("Origin", "http://evil.example").GET()), 403),
				hostile("stream from a sandboxed page",
						request("/stream", (builder) -> builder.header("Origin", "null").GET()), 403),
				hostile("encoded traversal", get("/%2e%2e/%2e%2e/etc/passwd"), 400, 404),
				hostile("dot segments", get("/stream/../../etc/passwd"), 400, 404),
				hostile("semicolon trick", get("/actuator/..;/env"), 400, 404),
				hostile("actuator env", get("/actuator/env"), 404),
				hostile("actuator heapdump", get("/actuator/heapdump"), 404),
				hostile("actuator configprops", get("/actuator/configprops"), 404),
				hostile("actuator loggers", get("/actuator/loggers"), 404),
				hostile("actuator beans", get("/actuator/beans"), 404),
				hostile("actuator shutdown", post("/actuator/shutdown", "application/json", ""), 404));
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
		HttpResponse<String> actuator = send(get("/actuator").apply(broadcaster.baseUrl()));
		assertThat(actuator.statusCode()).isEqualTo(200);
		assertThat(json.readTree(actuator.body()).get("_links").propertyNames()).containsExactlyInAnyOrder("self",
				"health", "health-path", "info", "prometheus");
	}

}
