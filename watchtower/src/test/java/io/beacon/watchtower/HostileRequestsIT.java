package io.beacon.watchtower;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import io.beacon.testsupport.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.beacon.testsupport.HostileRequests.assertNoInternals;
import static io.beacon.testsupport.HostileRequests.get;
import static io.beacon.testsupport.HostileRequests.hostile;
import static io.beacon.testsupport.HostileRequests.post;
import static io.beacon.testsupport.HostileRequests.request;
import static io.beacon.testsupport.HostileRequests.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security pass on the watchtower: hostile requests get a clear 4xx, never a 500,
 * without internals in the body; only health, info and prometheus are exposed under
 * {@code /actuator}. Nothing it watches is up: it needs no broker.
 */
class HostileRequestsIT {

	private static RunningWatchtower watchtower;

	private static String url;

	@BeforeAll
	static void start() {
		String nowhere = "http://127.0.0.1:" + FreePorts.next();
		watchtower = RunningWatchtower.start("127.0.0.1:" + FreePorts.next(),
				"beacon.watchtower.load-balancer-url=" + nowhere, "beacon.watchtower.broadcaster-url=" + nowhere,
				"beacon.watchtower.archiver-url=" + nowhere);
		url = watchtower.baseUrl();
	}

	@AfterAll
	static void stop() {
		watchtower.close();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("hostileRequests")
	void answersA4xxWithoutInternals(String description, Function<String, HttpRequest> request,
			List<Integer> statuses) {
		HttpResponse<String> response = send(request.apply(url));
		assertThat(response.statusCode()).as("%s: %s", description, response.body()).isIn(statuses);
		assertNoInternals(description, response.body());
		if (!response.body().isEmpty() && response.statusCode() != 403) {
			assertThat(response.headers().firstValue("Content-Type")).as(description)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		}
	}

	static Stream<Arguments> hostileRequests() {
		return Stream
			.of(hostile("unknown path", get("/nothing-here"), 404),
					hostile("POST to /status", post("/status", "application/json",
							"{}"), 405),
					hostile("POST of 8 MiB to /status", post("/status", "application/json", "x".repeat(
							8 << 20)), 405),
					hostile("DELETE /metrics", request("/metrics", HttpRequest.Builder::DELETE), 405),
					hostile("PUT /prometheus/targets",
							request("/prometheus/targets",
									(builder) -> builder.PUT(HttpRequest.BodyPublishers.ofString("[]"))),
							405),
					hostile("20 KiB header",
							request("/status", (builder) -> builder.header("X-Pad", "x".repeat(20 * 1024)).GET()), 431),
					hostile("10 KiB query string", get("/status?q=" + "x".repeat(10 * 1024)), 414),
					hostile("status from another origin",
							request("/status", (builder) -> builder.header("Origin", "http://evil.example").GET()),
							403),
					hostile("encoded traversal", get("/%2e%2e/%2e%2e/etc/passwd"), 400, 404),
					hostile("dot segments", get("/status/../../etc/passwd"), 400, 404),
					hostile("semicolon trick", get("/actuator/..;/env"), 400, 404),
					hostile("actuator env", get("/actuator/env"), 404),
					hostile("actuator heapdump", get("/actuator/heapdump"), 404),
					hostile("actuator configprops", get("/actuator/configprops"), 404),
					hostile("actuator loggers", get("/actuator/loggers"), 404),
					hostile("actuator beans", get("/actuator/beans"), 404),
					hostile("actuator shutdown", post("/actuator/shutdown", "application/json", ""), 404));
	}

	@Test
	void exposesOnlyHealthInfoAndPrometheus() {
		assertThat(watchtower.json("/actuator").get("_links").propertyNames()).containsExactlyInAnyOrder("self",
				"health", "health-path", "info", "prometheus");
	}

}
