package io.beacon.archiver;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.beacon.common.EventEnvelope;
import io.beacon.common.Topics;
import io.beacon.testsupport.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read API over HTTP, on an archive of 3 agents with 5 events each: what a dashboard
 * or the simulator's audit sees.
 */
class ReadApiIT {

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path dir;

	private static RunningArchiver archiver;

	private static String url;

	@BeforeAll
	static void archiveOfThreeAgents() {
		String topic = TestKafka.createUniqueTopic("read-api", 12);
		TestKafka.createTopic(Topics.deadLetterOf(topic), 12);
		TestDatabase database = TestDatabase.sqlite(dir);
		List<EventEnvelope> sent = new ArrayList<>();
		for (int seq = 0; seq < 5; seq++) {
			for (String agent : List.of("agent-a", "agent-b", "agent-c")) {
				sent.add(Events.envelope(agent, (agent.equals("agent-c") && seq == 4) ? 5 : seq));
			}
		}
		try (Events events = new Events(TestKafka.bootstrapServers(), topic)) {
			events.send(sent);
		}
		archiver = RunningArchiver.start(TestKafka.bootstrapServers(), topic, database,
				List.of("beacon.archiver.flush-interval=100ms"));
		url = archiver.baseUrl();
		await().atMost(Duration.ofSeconds(60)).until(() -> database.rows() == 15);
	}

	@AfterAll
	static void stop() {
		archiver.close();
	}

	@Test
	void agentsArePagedByIdWithTheirCurrentState() {
		JsonNode page = getJson("/agents?limit=2&offset=1", 200);
		assertThat(page.get("total").asLong()).isEqualTo(3);
		assertThat(page.get("limit").asInt()).isEqualTo(2);
		assertThat(page.get("agents").findValuesAsString("agent_id")).containsExactly("agent-b", "agent-c");
		JsonNode agent = page.get("agents").get(1);
		assertThat(agent.get("status").asString()).isEqualTo("waiting");
		assertThat(agent.get("seq").asLong()).isEqualTo(5);
		assertThat(agent.get("event_count").asLong()).isEqualTo(5);
		assertThat(agent.get("timestamp").asString()).endsWith("Z");
	}

	@Test
	void agentsFilterByStatus() {
		JsonNode page = getJson("/agents?status=running", 200);
		assertThat(page.get("agents").findValuesAsString("agent_id")).containsExactly("agent-a", "agent-b");
		assertThat(getJson("/agents?status=paused", 200).get("total").asLong()).isZero();
	}

	@Test
	void oneAgentAndItsHistoryInOrder() {
		assertThat(getJson("/agents/agent-a", 200).get("event_count").asLong()).isEqualTo(5);
		JsonNode history = getJson("/agents/agent-a/events?limit=3&offset=1", 200);
		assertThat(history.get("events").findValues("seq")).extracting(JsonNode::asLong).containsExactly(1L, 2L, 3L);
		JsonNode first = history.get("events").get(0);
		assertThat(first.get("metadata").get("step").asLong()).isEqualTo(1);
		assertThat(first.get("kafka_offset").asLong()).isEqualTo(1);
		assertThat(first.has("archived_at")).isTrue();
	}

	@Test
	void unknownAgentsAreNotFound() {
		assertThat(getJson("/agents/nobody", 404).get("error").asString()).isEqualTo("not_found");
		assertThat(getJson("/agents/nobody/events", 404).get("message").asString()).contains("nobody");
	}

	@Test
	void theEventFeedContinuesFromSinceId() {
		List<Long> ids = new ArrayList<>();
		long since = 0;
		for (int page = 0; page < 10; page++) {
			JsonNode events = getJson("/events?since_id=" + since + "&limit=4", 200);
			events.get("events").forEach((event) -> ids.add(event.get("id").asLong()));
			since = events.get("next_since_id").asLong();
			if (events.get("events").isEmpty()) {
				break;
			}
		}
		assertThat(ids).hasSize(15).isSorted().doesNotHaveDuplicates();
	}

	@Test
	void statsCountRowsAgentsAndStatuses() {
		JsonNode stats = getJson("/stats", 200);
		assertThat(stats.get("rows").asLong()).isEqualTo(15);
		assertThat(stats.get("agents").asLong()).isEqualTo(3);
		assertThat(stats.get("statuses").get("running").asLong()).isEqualTo(2);
		assertThat(stats.get("statuses").get("waiting").asLong()).isEqualTo(1);
		assertThat(stats.get("last_id").asLong()).isPositive();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/agents?limit=0                      | limit    | between 1 and 1000
			/agents?limit=1001                   | limit    | between 1 and 1000
			/agents?limit=ten                    | limit    | whole number
			/agents?offset=-1                    | offset   | 0 or more
			/agents?status=                      | status   | 1 to 64
			/agents/agent-a/events?limit=5000    | limit    | between 1 and 1000
			/events?since_id=-5                  | since_id | 0 or more
			/events?limit=10001                  | limit    | between 1 and 10000
			/events?since_id=1e3                 | since_id | whole number
			""")
	void badParametersAreNamedInA400(String path, String field, String message) {
		JsonNode error = getJson(path, 400);
		assertThat(error.get("error").asString()).isEqualTo("invalid_parameter");
		assertThat(error.get("details").get(0).get("field").asString()).isEqualTo(field);
		assertThat(error.get("details").get(0).get("message").asString()).contains(message);
	}

	@Test
	void everyBadParameterIsNamedAtOnce() {
		JsonNode error = getJson("/agents?limit=0&offset=x", 400);
		assertThat(error.get("details").findValuesAsString("field")).containsExactly("limit", "offset");
	}

	@Test
	void theDashboardOriginMayReadOthersMayNot() {
		HttpResponse<String> allowed = Http.get(url + "/stats", "Origin", "http://localhost:5173");
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
		HttpResponse<String> refused = Http.get(url + "/stats", "Origin", "http://evil.example");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void unknownPathsAre404WithoutAStackTrace() {
		HttpResponse<String> response = Http.get(url + "/nothing/here");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
	}

	@Test
	void metricsAreExposedForPrometheus() {
		HttpResponse<String> response = Http.get(url + "/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("beacon_archiver_rows_written_total")
			.contains("beacon_archiver_duplicates_ignored_total")
			.contains("beacon_archiver_flush_duration_seconds_bucket")
			.contains("beacon_archiver_batch_size_records")
			.contains("beacon_archiver_dead_letters_total")
			.contains("beacon_archiver_inversions_total")
			.contains("beacon_archiver_buffer_size_records")
			.contains("beacon_archiver_committed_offset{")
			.contains("beacon_archiver_partitions_assigned");
	}

	private static JsonNode getJson(String path, int status) {
		HttpResponse<String> response = Http.get(url + path);
		assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		return json.readTree(response.body());
	}

}
