package io.beacon.broadcaster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

import io.beacon.broadcaster.stream.Hub;
import io.beacon.common.EventEnvelope;
import io.beacon.testsupport.TestKafka;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** One broadcaster on a topic of its own, real clients over TCP. */
class BroadcastIT {

	private static String topic;

	private static EventProducer producer;

	private static RunningBroadcaster broadcaster;

	@BeforeAll
	static void start() {
		topic = TestKafka.createUniqueTopic("broadcast", 12);
		producer = new EventProducer(TestKafka.bootstrapServers(), topic);
		broadcaster = startReading(topic);
	}

	/**
	 * A broadcaster starts at the end: wait until it reads before producing what a test
	 * counts.
	 */
	static RunningBroadcaster startReading(String topic, String... properties) {
		return startReadingFrom(TestKafka.bootstrapServers(), topic, properties);
	}

	static RunningBroadcaster startReadingFrom(String bootstrapServers, String topic, String... properties) {
		RunningBroadcaster started = RunningBroadcaster.start(bootstrapServers, topic, properties);
		Hub hub = started.bean(Hub.class);
		long before = hub.received();
		try (EventProducer probe = new EventProducer(bootstrapServers, topic)) {
			await().atMost(LiveClient.TIMEOUT).until(() -> {
				probe.send("probe", "idle", 0);
				return hub.received() > before;
			});
		}
		return started;
	}

	@AfterAll
	static void stop() {
		broadcaster.close();
		producer.close();
	}

	@Test
	void anEventReachesTwoClientsAfterASnapshotOfTheAgentsSeen() {
		String seen = unique("seen");
		producer.send(seen, "running", 1);
		awaitReceived(seen);
		try (LiveClient one = LiveClient.connect(broadcaster.webSocket());
				LiveClient two = LiveClient.connect(broadcaster.webSocket())) {
			for (LiveClient client : List.of(one, two)) {
				assertThat(client.awaitSnapshot()).anySatisfy((agent) -> {
					assertThat(agent.path("agent_id").asString()).isEqualTo(seen);
					assertThat(agent.path("status").asString()).isEqualTo("running");
					assertThat(agent.path("seq").asLong()).isEqualTo(1);
				});
			}
			String live = unique("live");
			RecordMetadata sent = producer.send(live, "waiting", 7);
			for (LiveClient client : List.of(one, two)) {
				await().atMost(LiveClient.TIMEOUT).until(() -> client.events(live).size() == 1);
				JsonNode event = client.events(live).get(0);
				assertThat(event.path("status").asString()).isEqualTo("waiting");
				assertThat(event.path("seq").asLong()).isEqualTo(7);
				assertThat(event.path("partition").asInt()).isEqualTo(sent.partition());
				assertThat(event.path("offset").asLong()).isEqualTo(sent.offset());
				assertThat(event.path("received_at").asString()).isNotEmpty();
				assertThat(event.path("event_id").asString()).isNotEmpty();
			}
			JsonNode stats = one.awaitFrame("stats").json();
			assertThat(stats.path("clients").asInt()).isGreaterThanOrEqualTo(2);
			assertThat(stats.path("agents").asInt()).isGreaterThanOrEqualTo(1);
			assertThat(stats.path("statuses").isObject()).isTrue();
			assertThat(stats.has("events_per_second")).isTrue();
		}
	}

	@Test
	void oneAgentsEventsArriveInOffsetOrder() {
		String ordered = unique("ordered");
		List<EventEnvelope> envelopes = new ArrayList<>();
		for (int seq = 0; seq < 1000; seq++) {
			envelopes.add(EventProducer.envelope(ordered, (seq % 2 == 0) ? "running" : "waiting", seq));
			envelopes.add(EventProducer.envelope(unique("other"), "running", 0));
		}
		try (LiveClient client = LiveClient.connect(broadcaster.webSocket())) {
			client.awaitSnapshot();
			producer.sendAll(envelopes);
			await().atMost(LiveClient.TIMEOUT).until(() -> client.events(ordered).size() == 1000);
			List<JsonNode> events = client.events(ordered);
			assertThat(events).extracting((event) -> event.path("seq").asLong())
				.containsExactlyElementsOf(IntStream.range(0, 1000).mapToObj(Long::valueOf).toList());
			assertThat(events).extracting((event) -> event.path("offset").asLong()).isSorted();
		}
	}

	@Test
	void aSubscriptionFiltersByAgentAndStatusAndStartsWithItsSnapshot() {
		String a = unique("a");
		String b = unique("b");
		String c = unique("c");
		producer.send(a, "running", 1);
		awaitReceived(a);
		try (LiveClient client = LiveClient.connect(broadcaster.webSocket())) {
			client.awaitSnapshot();
			client.send("{\"type\":\"subscribe\",\"agent_ids\":[\"" + a + "\",\"" + b + "\"]}");
			JsonNode subscribed = client.awaitFrame("subscribed").json();
			assertThat(subscribed.path("agent_ids").valueStream().map(JsonNode::asString)).containsOnly(a, b);
			await().atMost(LiveClient.TIMEOUT).until(() -> client.frames("snapshot").size() >= 2);
			assertThat(client.frames("snapshot").get(client.frames("snapshot").size() - 1).json().path("agents"))
				.extracting((agent) -> agent.path("agent_id").asString())
				.containsExactly(a);

			producer.send(c, "running", 1);
			producer.send(b, "error", 1);
			await().atMost(LiveClient.TIMEOUT).until(() -> client.events(b).size() == 1);
			assertThat(client.events(c)).isEmpty();

			client.send("{\"type\":\"subscribe\",\"statuses\":[\"error\"]}");
			await().atMost(LiveClient.TIMEOUT).until(() -> client.frames("subscribed").size() == 2);
			producer.send(a, "running", 2);
			producer.send(c, "error", 2);
			await().atMost(LiveClient.TIMEOUT).until(() -> client.events(c).size() == 1);
			assertThat(client.events(a)).isEmpty();
			assertThat(client.events(c).get(0).path("status").asString()).isEqualTo("error");
		}
	}

	static List<String> badMessages() {
		return List.of("not json", "[1, 2]", "{}", "{\"type\":\"unsubscribe\"}",
				"{\"type\":\"subscribe\",\"agent_ids\":\"agent-1\"}", "{\"type\":\"subscribe\",\"agent_ids\":[1]}",
				"{\"type\":\"subscribe\",\"statuses\":[\"\"]}",
				"{\"type\":\"subscribe\",\"agent_ids\":[\"" + "x".repeat(129) + "\"]}",
				"{\"type\":\"subscribe\",\"statuses\":[" + "\"s\",".repeat(100) + "\"s\"]}");
	}

	@ParameterizedTest
	@MethodSource("badMessages")
	void aBadMessageGetsAnErrorFrameAndTheConnectionStaysUsable(String message) {
		try (LiveClient client = LiveClient.connect(broadcaster.webSocket())) {
			client.send(message);
			JsonNode error = client.awaitFrame("error").json();
			assertThat(error.path("error").asString()).isEqualTo("invalid_message");
			assertThat(error.path("message").asString()).isNotBlank().doesNotContain("Exception");
			client.send("{\"type\":\"subscribe\"}");
			client.awaitFrame("subscribed");
			assertThat(client.closed()).isNotDone();
		}
	}

	@Test
	void aBinaryFrameGetsAnErrorFrame() {
		try (LiveClient client = LiveClient.connect(broadcaster.webSocket())) {
			client.sendBinary(new byte[] { 1, 2, 3 });
			assertThat(client.awaitFrame("error").json().path("message").asString()).contains("binary");
		}
	}

	@Test
	void aRecordThatIsNotAnEventIsSkipped() {
		double before = broadcaster.counter("beacon.broadcaster.records.invalid");
		String after = unique("after-garbage");
		try (LiveClient client = LiveClient.connect(broadcaster.webSocket())) {
			client.awaitSnapshot();
			producer.sendGarbage(after);
			producer.send(after, "running", 1);
			await().atMost(LiveClient.TIMEOUT).until(() -> client.events(after).size() == 1);
		}
		assertThat(broadcaster.counter("beacon.broadcaster.records.invalid")).isEqualTo(before + 1);
	}

	@Test
	void browsersConnectOnlyFromAllowedOrigins() throws Exception {
		try (LiveClient dashboard = LiveClient.connect(broadcaster.webSocket(), "http://localhost:5173")) {
			dashboard.awaitSnapshot();
		}
		assertThatThrownBy(() -> LiveClient.connect(broadcaster.webSocket(), "http://evil.example"))
			.isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOf(WebSocketHandshakeException.class)
			.satisfies(
					(ex) -> assertThat(((WebSocketHandshakeException) ex).getResponse().statusCode()).isEqualTo(403));
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<Void> refused = http.send(HttpRequest.newBuilder(URI.create(broadcaster.baseUrl() + "/stream"))
			.header("Origin", "http://evil.example")
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(refused.statusCode()).isEqualTo(403);
	}

	@Test
	void serverSentEventsDeliverWhatTheFilterLetsThrough() {
		String wanted = unique("sse");
		String other = unique("sse-other");
		try (SseClient stream = SseClient
			.open(broadcaster.baseUrl() + "/stream?agent_id=" + wanted + "&status=running,completed")) {
			assertThat(stream.status()).isEqualTo(200);
			await().atMost(LiveClient.TIMEOUT).until(() -> !stream.messages("stats").isEmpty());
			producer.send(wanted, "running", 1);
			producer.send(wanted, "waiting", 2);
			producer.send(other, "running", 1);
			producer.send(wanted, "completed", 3);
			await().atMost(LiveClient.TIMEOUT).until(() -> stream.messages("message").size() == 2);
			assertThat(stream.messages("message")).allSatisfy((data) -> assertThat(data).contains(wanted))
				.satisfiesExactly((first) -> assertThat(first).contains("\"seq\":1"),
						(second) -> assertThat(second).contains("\"seq\":3"));
		}
		try (SseClient stream = SseClient.open(broadcaster.baseUrl() + "/stream?snapshot=true&agent_id=" + wanted)) {
			await().atMost(LiveClient.TIMEOUT).until(() -> stream.messages("snapshot").size() == 1);
			assertThat(stream.messages("snapshot").get(0)).contains("\"status\":\"completed\"");
		}
	}

	@Test
	void prometheusShowsTheBroadcastersMeters() throws Exception {
		try (LiveClient client = LiveClient.connect(broadcaster.webSocket())) {
			client.awaitFrame("stats");
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(broadcaster.baseUrl() + "/actuator/prometheus")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("beacon_broadcaster_clients{", "beacon_broadcaster_frames_sent_total{",
					"beacon_broadcaster_events_sent_total{", "beacon_broadcaster_events_conflated_total{",
					"beacon_broadcaster_clients_closed_slow_total{", "beacon_broadcaster_delay_seconds_bucket{",
					"beacon_broadcaster_events_received_total", "beacon_broadcaster_agents");
		}
	}

	@Test
	void aBadStreamParameterIsA400NamingIt() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(broadcaster.baseUrl() + "/stream?snapshot=maybe")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"error\":\"invalid_parameter\"").contains("\"field\":\"snapshot\"");
	}

	@Test
	void twoBroadcastersBothDeliverEveryEvent() {
		try (RunningBroadcaster second = startReading(topic);
				LiveClient first = LiveClient.connect(broadcaster.webSocket());
				LiveClient other = LiveClient.connect(second.webSocket())) {
			first.awaitSnapshot();
			other.awaitSnapshot();
			String prefix = unique("both");
			List<EventEnvelope> envelopes = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				envelopes.add(EventProducer.envelope(prefix + "-" + (i % 50), "running", i));
			}
			producer.sendAll(envelopes);
			for (LiveClient client : List.of(first, other)) {
				await().atMost(LiveClient.TIMEOUT)
					.until(() -> client.events()
						.stream()
						.filter((event) -> event.path("agent_id").asString().startsWith(prefix))
						.count() == 500);
			}
		}
	}

	/**
	 * Wait until the broadcaster holds the agent's state (a stream's snapshot comes
	 * before its first stats).
	 */
	private static void awaitReceived(String agentId) {
		await().atMost(LiveClient.TIMEOUT).until(() -> snapshotHas(agentId));
	}

	private static boolean snapshotHas(String agentId) {
		try (SseClient stream = SseClient.open(broadcaster.baseUrl() + "/stream?snapshot=true&agent_id=" + agentId)) {
			await().atMost(LiveClient.TIMEOUT).until(() -> !stream.messages("stats").isEmpty());
			return !stream.messages("snapshot").isEmpty();
		}
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
