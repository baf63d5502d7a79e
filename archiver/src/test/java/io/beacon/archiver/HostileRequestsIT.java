package io.beacon.archiver;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import io.beacon.common.Topics;
import io.beacon.testsupport.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.beacon.testsupport.HostileRequests.anyService;
import static io.beacon.testsupport.HostileRequests.assertNoInternalsIgnoringCase;
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
import static org.awaitility.Awaitility.await;

/**
 * The security pass on the read API: hostile requests get a clear 4xx, never a 500, no
 * answer shows a stack trace, a class name, SQL or a file path, query values never become
 * SQL, only health, info and prometheus are exposed under {@code /actuator}, and the
 * database password is never logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileRequestsIT {

	/** What no answer may contain here besides {@code HostileRequests.INTERNALS}. */
	private static final String[] MORE_INTERNALS = { "/tmp", "Tomcat", "sqlite", "jdbc" };

	private static final String PASSWORD = "db-pa55word-never-logged";

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path dir;

	private static RunningArchiver archiver;

	private static String url;

	@BeforeAll
	static void archiveOfTwoAgents() {
		String topic = TestKafka.createUniqueTopic("hostile", 12);
		TestKafka.createTopic(Topics.deadLetterOf(topic), 12);
		TestDatabase database = TestDatabase.sqlite(dir);
		try (Events events = new Events(TestKafka.bootstrapServers(), topic)) {
			events.send(List.of(Events.envelope("agent-a", 0), Events.envelope("agent-b", 0)));
		}
		archiver = RunningArchiver.start(TestKafka.bootstrapServers(), topic, database,
				List.of("beacon.archiver.flush-interval=100ms", "spring.datasource.password=" + PASSWORD));
		url = archiver.baseUrl();
		await().atMost(Duration.ofSeconds(60)).until(() -> database.rows() == 2);
	}

	@AfterAll
	static void stop() {
		archiver.close();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("hostileRequests")
	void answersA4xxWithoutInternals(String description, Function<String, HttpRequest> request,
			List<Integer> statuses) {
		HttpResponse<String> response = send(request.apply(url));
		assertThat(response.statusCode()).as("%s: %s", description, response.body()).isIn(statuses);
		assertNoInternalsIgnoringCase(description, response.body(), MORE_INTERNALS);
	}

	static Stream<Arguments> hostileRequests() {
		return cases(
				Stream.of(hostile("unknown path, browser",
						request("/nothing-here", (builder) -> builder.header("Accept", "text/html").GET()), 404),
						largeBody("/agents", 1024 * 1024, 405),
						hostile("XML to the read API", post("/events", "application/xml", "<a/>"), 405),
						largeHeader(get("/agents"), 400), longQuery("/agents", "status", 400),
						hostile("limit overflows a long", get("/agents?limit=99999999999999999999999"), 400),
						hostile("offset overflows a long", get("/agents/agent-a/events?offset=99999999999999999999"),
								400),
						hostile("limit with a NUL", get("/events?limit=%00"), 400),
						hostile("since_id as SQL", get("/events?since_id=0%20OR%201=1"), 400),
						hostile("limit as SQL", get("/agents?limit=1;DROP%20TABLE%20agent_events"), 400),
						hostile("status too long", get("/agents?status=" + "s".repeat(65)), 400)),
				methodsOtherThan("GET", "/agents"), methodsOtherThan("GET", "/agents/agent-a"),
				methodsOtherThan("GET", "/events"), traversalUnder("/agents"), anyService());
	}

	@Test
	void queryValuesAreDataNeverSql() {
		JsonNode all = getJson("/agents");
		assertThat(all.get("total").asLong()).isEqualTo(2);
		JsonNode injected = getJson("/agents?status=x%27%20OR%20%271%27=%271");
		assertThat(injected.get("total").asLong()).isZero();
		assertThat(injected.get("agents")).isEmpty();
		assertThat(send(get("/agents/agent-a%27%20OR%20%271%27=%271").apply(url)).statusCode()).isEqualTo(404);
		assertThat(send(get("/agents/agent-a%27--/events").apply(url)).statusCode()).isEqualTo(404);
		assertThat(getJson("/stats").get("rows").asLong()).as("nothing was dropped").isEqualTo(2);
	}

	@Test
	void exposesOnlyHealthInfoAndPrometheus() {
		assertOnlyHealthInfoAndPrometheusExposed(url);
	}

	@Test
	void theDatabasePasswordIsNeverLogged(CapturedOutput output) {
		send(get("/agents?limit=ten").apply(url));
		send(get("/nothing-here").apply(url));
		assertThat(output.getAll()).doesNotContain(PASSWORD);
	}

	private static JsonNode getJson(String path) {
		HttpResponse<String> response = send(get(path).apply(url));
		assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

}
