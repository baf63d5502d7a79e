package io.beacon.broadcaster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.beacon.common.EventEnvelope;
import io.beacon.common.EventIds;
import io.beacon.common.RawJson;
import io.beacon.testsupport.TestKafka;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that stops reading costs the others nothing: they get every event, the stuck
 * one is conflated, then closed, and what waits for it stays bounded.
 */
class SlowClientIT {

	private static final Logger logger = LoggerFactory.getLogger(SlowClientIT.class);

	private static final int MAX_QUEUED = 2000;

	private static final int STUCK_SECONDS = 5;

	private static final int EVENTS = 30_000;

	private static final int BATCH = 1000;

	private static final int AGENTS = 200;

	@Test
	void aStuckClientIsConflatedThenClosedWhileAHealthyOneGetsEverything() {
		String topic = TestKafka.createUniqueTopic("slow", 12);
		try (RunningBroadcaster broadcaster = BroadcastIT.startReading(topic,
				"beacon.broadcaster.clients.max-queued-events=" + MAX_QUEUED,
				"beacon.broadcaster.clients.stuck-timeout=" + STUCK_SECONDS + "s",
				"beacon.broadcaster.clients.write-timeout=" + (STUCK_SECONDS + 3) + "s");
				EventProducer producer = new EventProducer(TestKafka.bootstrapServers(), topic);
				LiveClient healthy = LiveClient.connect(broadcaster.webSocket());
				LiveClient stuck = LiveClient.connect(broadcaster.webSocket())) {
			healthy.awaitSnapshot();
			stuck.awaitSnapshot();
			stuck.pause();
			AtomicInteger mostWaiting = new AtomicInteger();
			ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
			sampler
				.scheduleAtFixedRate(
						() -> mostWaiting
							.accumulateAndGet((int) broadcaster.gauge("beacon.broadcaster.clients.waiting"), Math::max),
						0, 20, TimeUnit.MILLISECONDS);
			// 1 KiB of metadata each: 30 MiB in all, far beyond what the sockets buffer.
			// The
			// next batch goes when the healthy client has the last: it is never the slow
			// one
			RawJson metadata = bigMetadata(producer);
			for (int batch = 0; batch < EVENTS / BATCH; batch++) {
				int sent = batch * BATCH;
				await().atMost(LiveClient.TIMEOUT).until(() -> healthy.events().size() >= sent);
				List<EventEnvelope> envelopes = new ArrayList<>();
				for (int i = 0; i < BATCH; i++) {
					int n = sent + i;
					envelopes.add(new EventEnvelope(EventIds.next(), "agent-" + (n % AGENTS), "running",
							Instant.parse("2026-12-05T12:00:00Z"), metadata, (long) (n / AGENTS), Instant.now(),
							"test"));
				}
				producer.sendAll(envelopes);
			}
			await().atMost(LiveClient.TIMEOUT)
				.untilAsserted(() -> assertThat(healthy.events()).as("events at the healthy client").hasSize(EVENTS));
			sampler.shutdownNow();

			List<Long> delays = delays(healthy);
			logger.info("Healthy client beside a stuck one: {} events, delay p50 {} ms, p99 {} ms, max {} ms", EVENTS,
					percentile(delays, 50), percentile(delays, 99), percentile(delays, 100));
			assertThat(healthy.frames("events")).noneMatch((frame) -> frame.json().path("conflated").asBoolean());
			for (int agent = 0; agent < AGENTS; agent++) {
				assertThat(healthy.events("agent-" + agent)).extracting((event) -> event.path("seq").asLong())
					.isSorted()
					.hasSize(EVENTS / AGENTS);
			}
			// the stuck client never made the healthy one wait for it to be closed
			assertThat(percentile(delays, 100)).isLessThan(STUCK_SECONDS * 1000L);
			assertThat(broadcaster.counter("beacon.broadcaster.events.conflated")).isPositive();
			// each client holds at most its queue, or one state per agent once conflated:
			// without the bound the stuck one alone would hold most of the 30,000
			assertThat(mostWaiting.get()).isLessThanOrEqualTo(2 * Math.max(MAX_QUEUED, AGENTS));

			await().atMost(LiveClient.TIMEOUT)
				.until(() -> broadcaster.counter("beacon.broadcaster.clients.closed.slow") == 1);
			await().atMost(LiveClient.TIMEOUT).until(() -> broadcaster.gauge("beacon.broadcaster.clients") == 1);
			stuck.resume();
			assertThat(stuck.closed()).succeedsWithin(LiveClient.TIMEOUT);
			logger.info("The stuck client saw: {}", stuck.closed().join());
			List<JsonNode> conflatedFrames = stuck.frames("events")
				.stream()
				.map(LiveClient.Frame::json)
				.filter((frame) -> frame.path("conflated").asBoolean())
				.toList();
			logger.info("The stuck client read {} frames, {} of them conflated", stuck.frames().size(),
					conflatedFrames.size());
		}
	}

	private static RawJson bigMetadata(EventProducer producer) {
		char[] filler = new char[1024];
		Arrays.fill(filler, 'x');
		return producer.rawJson("{\"filler\":\"" + new String(filler) + "\"}");
	}

	private static List<Long> delays(LiveClient client) {
		List<Long> delays = new ArrayList<>();
		for (LiveClient.Frame frame : client.frames("events")) {
			for (JsonNode event : frame.json().path("events")) {
				delays
					.add(frame.arrivedAtMillis() - Instant.parse(event.path("received_at").asString()).toEpochMilli());
			}
		}
		delays.sort(null);
		return delays;
	}

	private static long percentile(List<Long> sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

}
