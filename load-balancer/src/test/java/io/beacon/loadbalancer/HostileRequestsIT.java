package io.beacon.loadbalancer;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.beacon.testsupport.HostileRequests.anyService;
import static io.beacon.testsupport.HostileRequests.assertNoInternals;
import static io.beacon.testsupport.HostileRequests.assertOnlyHealthInfoAndPrometheusExposed;
import static io.beacon.testsupport.HostileRequests.cases;
import static io.beacon.testsupport.HostileRequests.get;
import static io.beacon.testsupport.HostileRequests.hostile;
import static io.beacon.testsupport.HostileRequests.largeBody;
import static io.beacon.testsupport.HostileRequests.largeHeader;
import static io.beacon.testsupport.HostileRequests.longQuery;
import static io.beacon.testsupport.HostileRequests.request;
import static io.beacon.testsupport.HostileRequests.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security pass on the load balancer: hostile requests get a clear 4xx, never a 500,
 * without internals in the body; a body over 1 MiB never reaches a gateway;
 * {@code /admin/**} cannot be reached without the token by spelling its path another way;
 * the token is never logged; only health, info and prometheus are exposed under
 * {@code /actuator}.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileRequestsIT {

	private static final String TOKEN = "admin-t0ken-never-logged";

	private static EchoBackend backend;

	/** With an admin token, over one stand-in gateway that echoes what reaches it. */
	private static RunningLoadBalancer balancer;

	@BeforeAll
	static void start() {
		backend = EchoBackend.start();
		balancer = RunningLoadBalancer.start(backend.url(), "beacon.load-balancer.admin-token=" + TOKEN,
				RunningLoadBalancer.PATIENT_HEALTH_CHECK);
	}

	@AfterAll
	static void stop() {
		balancer.close();
		backend.close();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("hostileRequests")
	void answersA4xxWithoutInternals(String description, Function<String, HttpRequest> request,
			List<Integer> statuses) {
		HttpResponse<String> response = send(request.apply(balancer.url()));
		assertThat(response.statusCode()).as("%s: %s", description, response.body()).isIn(statuses);
		assertNoInternals(description, response.body());
		if (!response.body().isEmpty()) {
			assertThat(response.headers().firstValue("Content-Type")).as(description)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		}
	}

	static Stream<Arguments> hostileRequests() {
		return cases(
				Stream
					.of(largeBody("/ingest/state", 8 * 1024 * 1024, 413),
							largeBody("/ingest/batch", 1024 * 1024 + 1, 413),
							largeBody("/admin/backends", 8 * 1024 * 1024, 413),
							largeHeader(request("/ingest/state",
									(builder) -> builder.POST(HttpRequest.BodyPublishers.ofString("{}"))), 431),
							longQuery("/ingest/state", "q", 414),
							hostile("admin without the token", get("/admin/backends"), 401),
							hostile("admin with a wrong token",
									request("/admin/backends",
											(builder) -> builder.header("Authorization", "Bearer nope").GET()),
									403),
							hostile("admin, wrong method, with the token",
									admin((builder) -> builder.PUT(HttpRequest.BodyPublishers.ofString("{}"))), 405),
							hostile("admin, garbage JSON, with the token",
									admin((builder) -> builder.header("Content-Type", "application/json")
										.POST(HttpRequest.BodyPublishers.ofString("{\"url\":"))),
									400),
							hostile("admin, 200 KiB body, with the token",
									admin((builder) -> builder.header("Content-Type", "application/json")
										.POST(HttpRequest.BodyPublishers
											.ofString("{\"url\":\"" + "x".repeat(200 * 1024) + "\"}"))),
									400),
							hostile("admin, 900 KiB body in chunks, with the token",
									admin((builder) -> builder.header("Content-Type", "application/json")
										.POST(HttpRequest.BodyPublishers
											.ofInputStream(() -> new ByteArrayInputStream(new byte[900 * 1024])))),
									413)),
				anyService());
	}

	/** Spellings of {@code /admin/backends} that a router might still match. */
	@ParameterizedTest
	@ValueSource(strings = { "/admin;x=y/backends", "/admin/backends;x=y", "/%61dmin/backends", "/admin/%62ackends",
			"//admin/backends", "/admin//backends", "/./admin/backends", "/ingest/../admin/backends", "/ADMIN/backends",
			"/admin/backends/", "/admin;/backends", "/%2561dmin/backends", "/admin%3B/backends" })
	void theAdminPathCannotBeReachedWithoutTheTokenUnderAnotherSpelling(String path) {
		HttpResponse<String> response = send(get(path).apply(balancer.url()));
		assertThat(response.statusCode()).as("%s: %s", path, response.body()).isIn(400, 401, 403, 404, 503, 207);
		assertThat(response.body()).as(path).doesNotContain(backend.url()).doesNotContain("in_rotation");
	}

	@Test
	void anOversizedBodyNeverReachesAGateway() {
		long before = balancer.backend(backend.url()).requests();
		HttpResponse<String> refused = balancer.post("/ingest/state", "x".repeat((1 << 20) + 1));
		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.body()).contains("\"error\":\"payload_too_large\"");
		assertThat(balancer.backend(backend.url()).requests()).isEqualTo(before);
		assertThat(balancer.post("/ingest/state", "x".repeat(1 << 20)).statusCode()).as("exactly 1 MiB passes")
			.isEqualTo(207);
	}

	@Test
	void exposesOnlyHealthInfoAndPrometheus() {
		assertOnlyHealthInfoAndPrometheusExposed(balancer.url());
	}

	@Test
	void theAdminTokenIsNeverLogged(CapturedOutput output) {
		balancer.send(HttpRequest.newBuilder(URI.create(balancer.url() + "/admin/backends"))
			.header("Authorization", "Bearer " + TOKEN));
		balancer.send(HttpRequest.newBuilder(URI.create(balancer.url() + "/admin/backends"))
			.header("Authorization", "Bearer " + TOKEN + "-wrong"));
		try (RunningLoadBalancer another = RunningLoadBalancer.start("", "beacon.load-balancer.admin-token=" + TOKEN,
				"logging.level.io.beacon=debug")) {
			another.send(HttpRequest.newBuilder(URI.create(another.url() + "/admin/backends"))
				.header("Authorization", "Bearer " + TOKEN));
		}
		assertThat(output.getAll()).doesNotContain("t0ken-never-logged");
	}

	/** A request to {@code /admin/backends} with the token. */
	private static Function<String, HttpRequest> admin(UnaryOperator<HttpRequest.Builder> method) {
		return request("/admin/backends",
				(builder) -> method.apply(builder.header("Authorization", "Bearer " + TOKEN)));
	}

}
