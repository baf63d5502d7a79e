package io.beacon.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.beacon.common.EventCodec;
import io.beacon.common.EventEnvelope;
import io.beacon.gateway.IngestClient.Answer;
import io.beacon.testsupport.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The happy paths against a real broker: what a 202 promises is on the topic.
 */
class IngestIT {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	private static final EventCodec codec = new EventCodec();

	private static String topic;

	private static RunningGateway gateway;

	@BeforeAll
	static void startGateway() {
		topic = "ingest-it-" + UUID.randomUUID();
		gateway = RunningGateway.start(TestKafka.bootstrapServers(), topic, "beacon.gateway.instance-id=gw-test");
	}

	@AfterAll
	static void stopGateway() {
		gateway.close();
	}

	@Test
	void answers202WithWhereTheBrokerPutTheEventAndTheEnvelopeIsComplete() throws Exception {
		Instant before = Instant.now();
		Answer answer = gateway.client().postJson("/ingest/state", """
				{"agent_id":"agent-001","status":"running","timestamp":"2026-06-26T14:00:00+02:00",
				 "metadata":{"task":"web_search"},"seq":7,"unknown":"ignored"}""");

		assertThat(answer.status()).as("%s", answer).isEqualTo(202);
		JsonNode body = answer.json();
		assertThat(body.get("status").stringValue()).isEqualTo("accepted");
		String eventId = body.get("event_id").stringValue();
		assertThat(UUID.fromString(eventId).version()).as("assigned ids are UUIDv7").isEqualTo(7);
		ConsumerRecord<String, String> record = recordAt(body.get("partition").intValue(),
				body.get("offset").longValue());
		assertThat(record.key()).isEqualTo("agent-001");
		EventEnvelope envelope = codec.readEnvelope(record.value().getBytes(UTF_8));
		assertThat(envelope.eventId()).isEqualTo(eventId);
		assertThat(envelope.agentId()).isEqualTo("agent-001");
		assertThat(envelope.status()).isEqualTo("running");
		assertThat(envelope.timestamp()).isEqualTo(Instant.parse("2026-06-26T12:00:00Z"));
		assertThat(envelope.metadata()).hasToString("{\"task\":\"web_search\"}");
		assertThat(envelope.seq()).isEqualTo(7L);
		assertThat(envelope.receivedAt()).isBetween(before, Instant.now());
		assertThat(envelope.gateway()).isEqualTo("gw-test");
		assertThat(record.value()).doesNotContain("unknown");
	}

	@Test
	void keepsTheClientsEventId() {
		Answer answer = gateway.client().postJson("/ingest/state", Events.eventWithId("agent-002", "client-id-1", 1));
		assertThat(answer.status()).isEqualTo(202);
		assertThat(answer.json().get("event_id").stringValue()).isEqualTo("client-id-1");
	}

	@Test
	void putsOneAgentsEventsInOnePartitionInTheOrderSent() {
		List<JsonNode> receipts = new ArrayList<>();
		for (int seq = 0; seq < 20; seq++) {
			Answer answer = gateway.client().postJson("/ingest/state", Events.event("agent-ordered", "running", seq));
			assertThat(answer.status()).isEqualTo(202);
			receipts.add(answer.json());
			gateway.client().postJson("/ingest/state", Events.event("agent-other-" + seq, "idle", 0));
		}
		assertThat(receipts).extracting((receipt) -> receipt.get("partition").intValue())
			.containsOnly(receipts.get(0).get("partition").intValue());
		assertThat(receipts).extracting((receipt) -> receipt.get("offset").longValue())
			.isSorted()
			.doesNotHaveDuplicates();
	}

	@Test
	void acceptsABatchAndAnswersOneReceiptPerEventInOrder() throws Exception {
		StringBuilder body = new StringBuilder("[");
		for (int i = 0; i < 50; i++) {
			body.append((i > 0) ? "," : "").append(Events.event("batch-agent-" + (i % 5), "running", i / 5));
		}
		Answer answer = gateway.client().postJson("/ingest/batch", body.append("]").toString());

		assertThat(answer.status()).as("%s", answer).isEqualTo(202);
		JsonNode receipts = answer.json().get("receipts");
		assertThat(answer.json().get("count").intValue()).isEqualTo(50);
		assertThat(receipts).hasSize(50);
		Map<Integer, List<JsonNode>> byAgent = new java.util.TreeMap<>();
		for (int i = 0; i < 50; i++) {
			JsonNode receipt = receipts.get(i);
			assertThat(receipt.get("index").intValue()).isEqualTo(i);
			assertThat(receipt.get("status").stringValue()).isEqualTo("accepted");
			byAgent.computeIfAbsent(i % 5, (agent) -> new ArrayList<>()).add(receipt);
		}
		byAgent.forEach((agent, agentReceipts) -> {
			assertThat(agentReceipts).extracting((r) -> r.get("partition").intValue())
				.as("agent %s", agent)
				.containsOnly(agentReceipts.get(0).get("partition").intValue());
			assertThat(agentReceipts).extracting((r) -> r.get("offset").longValue()).isSorted();
		});
		JsonNode last = receipts.get(49);
		ConsumerRecord<String, String> record = recordAt(last.get("partition").intValue(),
				last.get("offset").longValue());
		assertThat(codec.readEnvelope(record.value().getBytes(UTF_8)).seq()).isEqualTo(9L);
	}

	@Test
	void acceptsAnNdjsonBatch() {
		String body = Events.event("ndjson-1", "idle", 0) + "\n" + Events.event("ndjson-2", "idle", 0) + "\n";
		Answer answer = gateway.client().post("/ingest/batch", "application/x-ndjson", body.getBytes(UTF_8));
		assertThat(answer.status()).as("%s", answer).isEqualTo(202);
		assertThat(answer.json().get("receipts")).hasSize(2);
	}

	@Test
	void reportsKafkaInHealthAndItsMetersInPrometheus() {
		Answer health = gateway.client().get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().at("/components/kafka/status").stringValue()).isEqualTo("UP");
		assertThat(health.json().at("/components/kafka/details/bootstrapServers").stringValue())
			.isEqualTo(TestKafka.bootstrapServers());

		gateway.client().postJson("/ingest/state", Events.event("metered", "idle", 0));
		gateway.client().postJson("/ingest/state", "{}");
		String prometheus = gateway.client().get("/actuator/prometheus").response().body();
		assertThat(prometheus).contains("beacon_gateway_events_accepted_total{")
			.contains("beacon_gateway_requests_rejected_total{")
			.contains("reason=\"invalid_event\"")
			.contains("beacon_gateway_produce_latency_seconds_bucket{")
			.contains("beacon_gateway_batch_size_events");
	}

	private static ConsumerRecord<String, String> recordAt(int partition, long offset) throws Exception {
		int total = (int) RunningGateway.recordCount(TestKafka.bootstrapServers(), topic);
		List<ConsumerRecord<String, String>> records = TestKafka.readRecords(topic, total, READ_TIMEOUT);
		Map<String, ConsumerRecord<String, String>> byPosition = records.stream()
			.collect(Collectors.toMap((r) -> r.partition() + "@" + r.offset(), (r) -> r));
		assertThat(byPosition).containsKey(partition + "@" + offset);
		return byPosition.get(partition + "@" + offset);
	}

}
