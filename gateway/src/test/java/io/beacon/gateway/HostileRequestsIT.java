package io.beacon.gateway;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import io.beacon.gateway.IngestClient.Answer;
import io.beacon.testsupport.TestKafka;
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
import static io.beacon.testsupport.HostileRequests.post;
import static io.beacon.testsupport.HostileRequests.request;
import static io.beacon.testsupport.HostileRequests.traversalUnder;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security pass: requests an attacker or a broken client sends get a clear 4xx, never
 * a 500, and no answer shows a stack trace, a class name, a file path or the broker's
 * address; only health, info and prometheus are exposed under {@code /actuator}.
 */
class HostileRequestsIT {

	private static final String VALID = Events.event("agent-1", "running", 1);

	private static String topic;

	private static RunningGateway gateway;

	@BeforeAll
	static void startGateway() {
		topic = "hostile-it-" + UUID.randomUUID();
		gateway = RunningGateway.start(TestKafka.bootstrapServers(), topic);
	}

	@AfterAll
	static void stopGateway() {
		gateway.close();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("hostileRequests")
	void answersA4xxWithoutInternals(String description, Function<String, HttpRequest> request,
			List<Integer> statuses) {
		Answer answer = gateway.client().send(request.apply(gateway.client().baseUrl()));
		assertThat(answer.status()).as("%s: %s", description, answer).isIn(statuses);
		assertNoInternals(description + " (" + answer.status() + ")", answer.response().body());
		if (!answer.response().body().isEmpty()) {
			assertThat(answer.header("Content-Type")).as(description).startsWith("application/json");
		}
	}

	static Stream<Arguments> hostileRequests() {
		return cases(
				Stream.of(largeBody("/ingest/state", 8 * 1024 * 1024, 413),
						hostile("8 MiB chunked batch", chunked("/ingest/batch", 8 * 1024 * 1024), 413),
						hostile("binary garbage", post("/ingest/state", "application/json", garbage()), 400),
						hostile("garbage JSON",
								post("/ingest/state", "application/json", "{\"agent_id\":".getBytes(UTF_8)), 400),
						hostile("deep nesting",
								post("/ingest/state", "application/json", ("[".repeat(100_000)).getBytes(UTF_8)), 400),
						hostile("XML", post("/ingest/state", "application/xml", "<event/>".getBytes(UTF_8)), 415),
						hostile("multipart",
								post("/ingest/batch", "multipart/form-data; boundary=x", VALID.getBytes(UTF_8)), 415),
						largeHeader(post("/ingest/state", "application/json", VALID), 431),
						longQuery("/ingest/state", "q", 414),
						hostile("admin path", post("/admin/backends", "application/json", "{}".getBytes(UTF_8)), 404),
						hostile("NUL in path", get("/ingest/state%00"), 400, 404)),
				methodsOtherThan("POST", "/ingest/state"), methodsOtherThan("POST", "/ingest/batch"),
				traversalUnder("/ingest"), traversalUnder("/ingest/state"), anyService());
	}

	@Test
	void exposesOnlyHealthInfoAndPrometheus() {
		assertOnlyHealthInfoAndPrometheusExposed(gateway.client().baseUrl());
		assertThat(gateway.client().get("/actuator/health").status()).isEqualTo(200);
	}

	@Test
	void aValidEventStillGoesThrough() {
		assertThat(gateway.client().postJson("/ingest/state", VALID).status()).isEqualTo(202);
	}

	/** A body without a length, sent in chunks. */
	private static Function<String, HttpRequest> chunked(String path, int size) {
		return request(path, (builder) -> builder.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[size]))));
	}

	private static byte[] garbage() {
		byte[] bytes = new byte[4096];
		new java.util.Random(42).nextBytes(bytes);
		return bytes;
	}

}
