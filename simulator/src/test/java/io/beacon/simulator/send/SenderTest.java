package io.beacon.simulator.send;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import io.beacon.simulator.agent.Agent;
import io.beacon.simulator.agent.AgentNames;
import io.beacon.simulator.agent.EventIdScheme;
import io.beacon.simulator.agent.Swarm;
import io.beacon.simulator.report.Counters;
import io.beacon.simulator.report.Latencies;
import io.beacon.simulator.send.StubIngest.Reply;
import io.beacon.testsupport.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sender against a real HTTP server on a loopback port that answers as each test
 * scripts it.
 */
class SenderTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final int AGENTS = 5;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final Counters counters = new Counters();

	private final Swarm swarm = new Swarm(new AgentNames("sendr1"), new EventIdScheme(5), AGENTS);

	@AfterEach
	void stopTimer() {
		this.timer.shutdownNow();
	}

	@Test
	void sendsAnEventAgainAfterA503WithTheSameBytesUntilItIsAccepted() {
		Set<String> seen = ConcurrentHashMap.newKeySet();
		try (StubIngest stub = new StubIngest((path, body) -> seen.add(body) ? Reply.unavailable() : Reply.accepted());
				Transport transport = transport(stub)) {
			Sender sender = sender(transport, false);
			for (int i = 0; i < AGENTS; i++) {
				sender.send(new Agent[] { this.swarm.take(System.currentTimeMillis()) });
			}
			await().atMost(WAIT).until(() -> sender.outstanding() == 0);
			Counters.Totals totals = this.counters.snapshot();
			assertThat(totals.sent()).isEqualTo(AGENTS);
			assertThat(totals.accepted()).isEqualTo(AGENTS);
			assertThat(totals.unavailable()).isEqualTo(AGENTS);
			assertThat(totals.retried()).isEqualTo(AGENTS);
			assertThat(totals.requests()).isEqualTo(2 * AGENTS);
			assertThat(totals.failed()).isZero();
			List<String> bodies = stub.bodies();
			assertThat(bodies).hasSize(2 * AGENTS);
			assertThat(Set.copyOf(bodies)).hasSize(AGENTS);
			assertThat(this.swarm.ledger().acceptedCount()).isEqualTo(AGENTS);
			assertThat(this.swarm.readyCount()).isEqualTo(AGENTS);
		}
	}

	@Test
	void sendsAgainOnlyTheEventsOfABatchThatThe503Lists() {
		AtomicBoolean first = new AtomicBoolean(true);
		BiFunction<String, String, Reply> replies = (path, body) -> {
			assertThat(path).isEqualTo("/ingest/batch");
			return first.getAndSet(false) ? new Reply(503, "0", "{\"error\":\"broker_unavailable\",\"failed\":[1,3]}")
					: Reply.accepted();
		};
		try (StubIngest stub = new StubIngest(replies); Transport transport = transport(stub)) {
			Sender sender = sender(transport, true);
			Agent[] batch = new Agent[AGENTS];
			for (int i = 0; i < AGENTS; i++) {
				batch[i] = this.swarm.take(System.currentTimeMillis());
			}
			sender.send(batch);
			await().atMost(WAIT).until(() -> sender.outstanding() == 0);
			List<String> bodies = stub.bodies();
			assertThat(bodies).hasSize(2);
			List<String> firstIds = StubIngest.eventIds(bodies.get(0));
			assertThat(firstIds).hasSize(AGENTS);
			assertThat(StubIngest.eventIds(bodies.get(1))).containsExactly(firstIds.get(1), firstIds.get(3));
			assertThat(bodies.get(1)).isEqualTo("[" + text(batch[1]) + "," + text(batch[3]) + "]");
			Counters.Totals totals = this.counters.snapshot();
			assertThat(totals.accepted()).isEqualTo(AGENTS);
			assertThat(totals.retried()).isEqualTo(2);
			assertThat(totals.requests()).isEqualTo(2);
			assertThat(this.swarm.ledger().acceptedCount()).isEqualTo(AGENTS);
		}
	}

	@Test
	void countsA4xxAsARejectionAndDoesNotSendItAgain() {
		try (StubIngest stub = new StubIngest((path, body) -> new Reply(400, null,
				"{\"error\":\"invalid_event\",\"details\":[{\"field\":\"status\",\"message\":\"is required\"}]}"));
				Transport transport = transport(stub)) {
			Sender sender = sender(transport, false);
			Agent agent = this.swarm.take(System.currentTimeMillis());
			sender.send(new Agent[] { agent });
			await().atMost(WAIT).until(() -> sender.outstanding() == 0);
			Counters.Totals totals = this.counters.snapshot();
			assertThat(totals.rejected()).isEqualTo(1);
			assertThat(totals.retried()).isZero();
			assertThat(totals.rejections()).singleElement().asString().startsWith("400 {\"error\":\"invalid_event\"");
			assertThat(stub.bodies()).hasSize(1);
			assertThat(this.swarm.ledger().isRejected(agent.index(), agent.seq())).isTrue();
		}
	}

	@Test
	void sendsAgainWhenNoAnswerComesInTime() {
		Set<String> seen = ConcurrentHashMap.newKeySet();
		try (StubIngest stub = new StubIngest((path, body) -> seen.add(body) ? null : Reply.accepted());
				Transport transport = new Transport(stub.url(), 2, Duration.ofMillis(300), "test-http")) {
			Sender sender = sender(transport, false);
			sender.send(new Agent[] { this.swarm.take(System.currentTimeMillis()) });
			await().atMost(WAIT).until(() -> sender.outstanding() == 0);
			Counters.Totals totals = this.counters.snapshot();
			assertThat(totals.timeouts()).isEqualTo(1);
			assertThat(totals.accepted()).isEqualTo(1);
			assertThat(stub.bodies()).hasSize(2).containsOnly(stub.bodies().get(0));
		}
	}

	@Test
	void sendsAgainWhileTheConnectionIsRefusedAndGivesUpWhenTheRunEnds() {
		int nothingListens = FreePorts.next();
		try (Transport transport = new Transport(URI.create("http://127.0.0.1:" + nothingListens), 2,
				Duration.ofSeconds(2), "test-http")) {
			Sender sender = sender(transport, false);
			sender.send(new Agent[] { this.swarm.take(System.currentTimeMillis()) });
			await().atMost(WAIT).until(() -> this.counters.snapshot().retried() >= 2);
			sender.abandon();
			await().atMost(WAIT).until(() -> sender.outstanding() == 0);
			Counters.Totals totals = this.counters.snapshot();
			assertThat(totals.connectionErrors()).isGreaterThanOrEqualTo(2);
			assertThat(totals.failed()).isEqualTo(1);
			assertThat(totals.accepted()).isZero();
			assertThat(this.swarm.readyCount()).isEqualTo(AGENTS);
			assertThat(this.swarm.ledger().acceptedCount()).isZero();
		}
	}

	@Test
	void joinsEventsIntoOneJsonArray() {
		Agent[] agents = { this.swarm.take(1), this.swarm.take(2) };
		assertThat(new String(Sender.batchBody(agents), StandardCharsets.UTF_8))
			.isEqualTo("[" + text(agents[0]) + "," + text(agents[1]) + "]");
		assertThat(Arrays.asList(agents)).doesNotContainNull();
	}

	private static String text(Agent agent) {
		return new String(agent.body(), StandardCharsets.UTF_8);
	}

	private Transport transport(StubIngest stub) {
		return new Transport(stub.url(), 4, Duration.ofSeconds(5), "test-http");
	}

	private Sender sender(Transport transport, boolean batch) {
		return new Sender(transport, batch, this.swarm, this.counters, new Latencies(), this.timer);
	}

}
