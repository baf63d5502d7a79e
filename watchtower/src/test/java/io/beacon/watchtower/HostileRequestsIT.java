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
import static io.beacon.testsupport.HostileRequests.request;
import static io.beacon.testsupport.HostileRequests.send;
import static io.beacon.testsupport.HostileRequests.traversalUnder;
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
		return cases(Stream.of(largeBody("/status", 8 * 1024 * 1024, 405), largeHeader(get("/status"), 431),
				longQuery("/status", "q", 414),
				hostile("status from another origin",
						request("/status", (builder) -> builder.header("Origin", "http://evil.example").GET()), 403)),
				methodsOtherThan("GET", "/status"), methodsOtherThan("GET", "/metrics"),
				methodsOtherThan("GET", "/prometheus/targets"), traversalUnder("/status"), anyService());
	}

	@Test
	void exposesOnlyHealthInfoAndPrometheus() {
		assertOnlyHealthInfoAndPrometheusExposed(url);
	}

}
