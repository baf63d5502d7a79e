package io.beacon.gateway;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import io.beacon.gateway.IngestClient.Answer;
import io.beacon.testsupport.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every client mistake gets a clear 4xx and nothing reaches the topic: the gateway's
 * topic stays empty through this whole class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestRejectionIT {

	private static final String VALID = Events.event("agent-1", "running", 1);

	private static final int MAX_BYTES = 1024 * 1024;

	private static String topic;

	private static RunningGateway gateway;

	@BeforeAll
	static void startGateway() {
		topic = "rejection-it-" + UUID.randomUUID();
		gateway = RunningGateway.start(TestKafka.bootstrapServers(), topic);
	}

	@AfterAll
	static void stopGateway() {
		gateway.close();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("clientMistakes")
	@Order(1)
	void answersAClearClientError(String description, String path, String contentType, byte[] body, int status,
			String error) {
		Answer answer = gateway.client().post(path, contentType, body);
		assertThat(answer.status()).as("%s: %s", description, answer).isEqualTo(status);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		assertThat(answer.json().get("error").stringValue()).isEqualTo(error);
		assertThat(answer.response().body()).doesNotContain("Exception").doesNotContain("at io.beacon");
	}

	static Stream<Arguments> clientMistakes() {
		String json = "application/json";
		return Stream.of(mistake("empty object", "/ingest/state", json, "{}", 400, "invalid_event"),
				mistake("not JSON", "/ingest/state", json, "agent_id=1", 400, "invalid_event"),
				mistake("empty body", "/ingest/state", json, "", 400, "invalid_event"),
				mistake("array to /state", "/ingest/state", json, "[" + VALID + "]", 400, "invalid_event"),
				mistake("text/plain", "/ingest/state", "text/plain", VALID, 415, "unsupported_media_type"),
				mistake("no content type", "/ingest/state", null, VALID, 415, "unsupported_media_type"),
				mistake("form", "/ingest/state", "application/x-www-form-urlencoded", VALID, 415,
						"unsupported_media_type"),
				mistake("latin-1", "/ingest/state", "application/json; charset=ISO-8859-1", VALID, 415,
						"unsupported_media_type"),
				mistake("ndjson to /state", "/ingest/state", "application/x-ndjson", VALID, 415,
						"unsupported_media_type"),
				mistake("1 MiB + 1", "/ingest/state", json, padded(MAX_BYTES + 1), 413, "payload_too_large"),
				mistake("batch item 1 of 3 bad", "/ingest/batch", json, "[" + VALID + ",{}," + VALID + "]", 400,
						"invalid_event"),
				mistake("batch object", "/ingest/batch", json, VALID, 400, "invalid_event"),
				mistake("batch empty", "/ingest/batch", json, "[]", 400, "invalid_event"),
				mistake("batch of 1001", "/ingest/batch", json,
						"[" + String.join(",", Collections.nCopies(1001, VALID)) + "]", 400, "invalid_event"),
				mistake("batch csv", "/ingest/batch", "text/csv", "a,b", 415, "unsupported_media_type"),
				mistake("batch ndjson bad line", "/ingest/batch", "application/x-ndjson", VALID + "\n{\n", 400,
						"invalid_event"),
				mistake("batch over 1 MiB", "/ingest/batch", json, "[" + new String(padded(MAX_BYTES), UTF_8) + "]",
						413, "payload_too_large"));
	}

	@Test
	@Order(2)
	void listsEveryBadItemOfABatchByIndex() {
		Answer answer = gateway.client()
			.postJson("/ingest/batch", "[" + VALID + ",{\"agent_id\":\"a\"}," + VALID + ",\"x\"]");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json()
			.get("details")
			.valueStream()
			.map((d) -> d.get("index").intValue() + ":" + d.get("field").stringValue()))
			.containsExactly("1:status", "1:timestamp", "3:$");
	}

	@Test
	@Order(3)
	void refusesAnOversizedChunkedBodyWithoutALength() {
		HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.client().baseUrl() + "/ingest/state"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded(2 * MAX_BYTES))))
			.build();
		Answer answer = gateway.client().send(request);
		assertThat(answer.status()).isEqualTo(413);
	}

	@Test
	@Order(4)
	void answersMethodNotAllowedAndNotFoundAsJson() {
		Answer get = gateway.client().get("/ingest/state");
		assertThat(get.status()).isEqualTo(405);
		assertThat(get.header("Allow")).isEqualTo("POST");
		Answer missing = gateway.client().postJson("/ingest/nothing-here", VALID);
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.header("Content-Type")).startsWith("application/json");
	}

	@Test
	@Order(5)
	void fuzzedBodiesOnlyEverGetA4xx() {
		long seed = System.nanoTime();
		Random random = new Random(seed);
		List<String> unexpected = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			boolean batch = random.nextInt(3) == 0;
			byte[] body = batch ? Fuzz.invalidBatch(random) : Fuzz.invalidEvent(random);
			String contentType = (batch && random.nextBoolean()) ? "application/x-ndjson" : "application/json";
			if (contentType.endsWith("ndjson")) {
				body = new String(body, UTF_8).replace("[", "").replace("]", "").replace("},{", "}\n{").getBytes(UTF_8);
			}
			Answer answer = gateway.client().post(batch ? "/ingest/batch" : "/ingest/state", contentType, body);
			if (answer.status() < 400 || answer.status() >= 500) {
				unexpected.add(answer.status() + " for " + new String(body, UTF_8));
			}
		}
		assertThat(unexpected).as("seed %d", seed).isEmpty();
	}

	@Test
	@Order(Integer.MAX_VALUE)
	void nothingWasProduced() throws Exception {
		assertThat(RunningGateway.recordCount(TestKafka.bootstrapServers(), topic)).isZero();
	}

	private static Arguments mistake(String description, String path, String contentType, Object body, int status,
			String error) {
		byte[] bytes = (body instanceof byte[] raw) ? raw : ((String) body).getBytes(UTF_8);
		return Arguments.of(description, path, contentType, bytes, status, error);
	}

	/** A valid event whose metadata pads it to {@code size} bytes. */
	private static byte[] padded(int size) {
		String start = "{\"agent_id\":\"a\",\"status\":\"s\",\"timestamp\":\"2026-06-26T12:00:00Z\",\"metadata\":{\"p\":\"";
		String end = "\"}}";
		return (start + "x".repeat(size - start.length() - end.length()) + end).getBytes(UTF_8);
	}

}
