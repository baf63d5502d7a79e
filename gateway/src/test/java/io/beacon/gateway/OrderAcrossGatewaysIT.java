package io.beacon.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.beacon.common.EventCodec;
import io.beacon.common.EventEnvelope;
import io.beacon.testsupport.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §3: an agent that sends its next event after the previous 202 gets exactly its
 * send order, whichever gateway each request went through.
 */
class OrderAcrossGatewaysIT {

	private static final int AGENTS = 8;

	private static final int EVENTS_PER_AGENT = 100;

	@Test
	void oneAgentsSequentialEventsKeepTheirOrderWhenAlternatedBetweenTwoGateways() throws Exception {
		String topic = "order-it-" + UUID.randomUUID();
		String bootstrap = TestKafka.bootstrapServers();
		ExecutorService agents = Executors.newFixedThreadPool(AGENTS);
		try (RunningGateway first = RunningGateway.start(bootstrap, topic, "beacon.gateway.instance-id=gw-a");
				RunningGateway second = RunningGateway.start(bootstrap, topic, "beacon.gateway.instance-id=gw-b")) {
			List<Future<?>> running = new ArrayList<>();
			for (int agent = 0; agent < AGENTS; agent++) {
				String agentId = "agent-" + agent;
				running.add(agents.submit(() -> {
					for (int seq = 0; seq < EVENTS_PER_AGENT; seq++) {
						IngestClient via = ((seq % 2) == 0) ? first.client() : second.client();
						assertThat(via.postJson("/ingest/state", Events.event(agentId, "running", seq)).status())
							.isEqualTo(202);
					}
				}));
			}
			for (Future<?> agent : running) {
				agent.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			agents.shutdownNow();
		}

		List<ConsumerRecord<String, String>> records = TestKafka.readRecords(topic, AGENTS * EVENTS_PER_AGENT,
				Duration.ofSeconds(30));
		assertThat(records).hasSize(AGENTS * EVENTS_PER_AGENT);
		EventCodec codec = new EventCodec();
		Map<String, List<Long>> seqsInOffsetOrder = new LinkedHashMap<>();
		Map<String, List<String>> gatewaysInOffsetOrder = new LinkedHashMap<>();
		for (ConsumerRecord<String, String> record : records) {
			EventEnvelope envelope = codec.readEnvelope(record.value().getBytes(UTF_8));
			seqsInOffsetOrder.computeIfAbsent(record.key(), (k) -> new ArrayList<>()).add(envelope.seq());
			gatewaysInOffsetOrder.computeIfAbsent(record.key(), (k) -> new ArrayList<>()).add(envelope.gateway());
		}
		assertThat(seqsInOffsetOrder).hasSize(AGENTS);
		List<Long> expected = java.util.stream.LongStream.range(0, EVENTS_PER_AGENT).boxed().toList();
		seqsInOffsetOrder.forEach((agent, seqs) -> assertThat(seqs).as(agent).isEqualTo(expected));
		List<String> alternating = java.util.stream.IntStream.range(0, EVENTS_PER_AGENT)
			.mapToObj((seq) -> ((seq % 2) == 0) ? "gw-a" : "gw-b")
			.toList();
		gatewaysInOffsetOrder.forEach((agent, gateways) -> assertThat(gateways).as(agent).isEqualTo(alternating));
	}

}
