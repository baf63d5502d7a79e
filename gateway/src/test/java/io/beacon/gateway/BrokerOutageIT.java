package io.beacon.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.beacon.gateway.IngestClient.Answer;
import io.beacon.testsupport.BrokerProcess;
import io.beacon.testsupport.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away and comes back: clients get 503s with Retry-After meanwhile, never
 * a 202 for an unacknowledged record, and the same gateway accepts again afterwards.
 */
class BrokerOutageIT {

	private static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);

	@Test
	void answers503WhileTheBrokerIsDownAndRecoversWithoutRestart(@TempDir Path dataDir) throws Exception {
		String topic = "outage-it-" + UUID.randomUUID();
		List<String> accepted = new ArrayList<>();
		try (BrokerProcess broker = BrokerProcess.onFreePorts(dataDir).start().awaitReady(BrokerProcess.READY_TIMEOUT);
				RunningGateway gateway = RunningGateway.start(broker.bootstrapServers(), topic,
						"beacon.gateway.ack-timeout=" + ACK_TIMEOUT.toMillis() + "ms",
						"spring.kafka.producer.properties.request.timeout.ms=1500",
						"spring.kafka.producer.properties.delivery.timeout.ms=2000",
						"spring.kafka.producer.properties.max.block.ms=2000")) {
			IngestClient client = gateway.client();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> client.postJson("/ingest/state", Events.eventWithId("agent-1", "before", 0))
					.status() == 202);
			accepted.add("before");

			broker.stop();
			long started = System.nanoTime();
			Answer single = client.postJson("/ingest/state", Events.eventWithId("agent-1", "during", 1));
			Duration waited = Duration.ofNanos(System.nanoTime() - started);
			assertThat(single.status()).as("%s", single).isEqualTo(503);
			assertThat(waited).isLessThan(ACK_TIMEOUT.plusSeconds(3));
			assertThat(single.header("Retry-After")).isEqualTo("1");
			assertThat(single.json().get("error").stringValue()).isEqualTo("broker_unavailable");

			Answer batch = client.postJson("/ingest/batch", "[" + Events.eventWithId("agent-2", "during-b0", 0) + ","
					+ Events.eventWithId("agent-3", "during-b1", 0) + "]");
			assertThat(batch.status()).as("%s", batch).isEqualTo(503);
			assertThat(batch.json().get("failed").valueStream().map((index) -> index.intValue())).containsExactly(0, 1);

			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				Answer health = client.get("/actuator/health");
				assertThat(health.status()).isEqualTo(503);
				assertThat(health.json().at("/components/kafka/status").stringValue()).isEqualTo("DOWN");
			});

			broker.start().awaitReady(BrokerProcess.READY_TIMEOUT);
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> client.postJson("/ingest/state", Events.eventWithId("agent-1", "after", 2))
					.status() == 202);
			accepted.add("after");
			assertThat(client.get("/actuator/health").status()).isEqualTo(200);

			List<ConsumerRecord<String, String>> onTopic = TopicRecords.read(broker.bootstrapServers(), topic, 2,
					Duration.ofSeconds(30));
			Set<String> eventIds = onTopic.stream()
				.map((record) -> record.value().replaceAll(".*\"event_id\":\"([^\"]+)\".*", "$1"))
				.collect(Collectors.toSet());
			assertThat(eventIds).as("every 202 is on the topic").containsAll(accepted);
		}
	}

}
