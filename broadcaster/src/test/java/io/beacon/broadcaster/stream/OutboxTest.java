package io.beacon.broadcaster.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.beacon.common.EventCodec;
import io.beacon.common.EventEnvelope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTest {

	private static final Duration STUCK = Duration.ofSeconds(10);

	private static final long STUCK_NANOS = STUCK.toNanos();

	private final EventCodec codec = new EventCodec();

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final FakeTransport transport = new FakeTransport();

	private long offset;

	/** The outboxes' clock, moved by {@link #tick}. */
	private long now;

	@Test
	void eventsWaitForTheNextTickThenLeaveInOneFrame() {
		Outbox outbox = outbox(Filter.ALL, 100);
		outbox.offer(List.of(event("a", "running", 1), event("b", "idle", 1)));
		assertThat(poll(outbox)).isNull();
		tick(outbox, 1, null);
		JsonNode frame = frame(outbox);
		assertThat(frame.path("type").asString()).isEqualTo("events");
		assertThat(frame.path("events")).extracting((event) -> event.path("agent_id").asString())
			.containsExactly("a", "b");
		assertThat(frame.path("skipped").asLong()).isZero();
		assertThat(frame.path("conflated").asBoolean()).isFalse();
	}

	@Test
	void aFrameWorthOfEventsLeavesWithoutWaitingForTheTick() {
		Outbox outbox = outbox(Filter.ALL, 100, 2);
		outbox.offer(List.of(event("a", "running", 1), event("a", "running", 2), event("a", "running", 3)));
		assertThat(frame(outbox).path("events")).hasSize(2);
		assertThat(poll(outbox)).as("one event is left for the tick").isNull();
	}

	@Test
	void aFrameWorthOfEventsWakesAWaitingTransportBetweenBeats() {
		Outbox outbox = outbox(Filter.ALL, 100, 2);
		List<byte[]> received = new ArrayList<>();
		outbox.next().subscribe(received::add);
		assertThat(outbox.offer(List.of(event("a", "running", 1)))).isFalse();
		assertThat(outbox.offer(List.of(event("a", "running", 2)))).as("a frame's worth: wake it").isTrue();
		assertThat(outbox.offer(List.of(event("a", "running", 3)))).as("a wake-up is on its way").isFalse();
		outbox.wakeUp();
		assertThat(received).hasSize(1);
		assertThat(this.mapper.readTree(received.get(0)).path("events")).hasSize(2);
	}

	@Test
	void pastTheBoundTheLatestStatePerAgentLeavesWithTheCountSkipped() {
		Outbox outbox = outbox(Filter.ALL, 3);
		outbox.offer(List.of(event("a", "running", 1), event("b", "running", 1), event("a", "waiting", 2),
				event("a", "completed", 3), event("c", "idle", 1)));
		assertThat(outbox.waiting()).isEqualTo(3);
		tick(outbox, 1, null);
		JsonNode frame = frame(outbox);
		assertThat(frame.path("conflated").asBoolean()).isTrue();
		assertThat(frame.path("skipped").asLong()).isEqualTo(2);
		assertThat(frame.path("events"))
			.extracting((state) -> state.path("agent_id").asString() + ":" + state.path("status").asString() + ":"
					+ state.path("seq").asLong())
			.as("an agent keeps its place in the backlog")
			.containsExactly("a:completed:3", "b:running:1", "c:idle:1");
		assertThat(this.registry.get("beacon.broadcaster.events.conflated").counter().count()).isEqualTo(2);

		outbox.offer(List.of(event("d", "running", 1)));
		tick(outbox, 2, null);
		JsonNode next = frame(outbox);
		assertThat(next.path("conflated").asBoolean()).as("back to events once it caught up").isFalse();
		assertThat(next.path("events")).hasSize(1);
	}

	@Test
	void theFilterDecidesWhatIsQueued() {
		Outbox outbox = outbox(Filter.of(List.of("a"), "agent_ids", List.of("error"), "statuses"), 100);
		outbox.offer(List.of(event("a", "running", 1), event("b", "error", 1), event("a", "error", 2)));
		tick(outbox, 1, null);
		assertThat(frame(outbox).path("events")).extracting((event) -> event.path("seq").asLong()).containsExactly(2L);
	}

	@Test
	void aSnapshotGoesInPartsBeforeAnyEvent() {
		Outbox outbox = outbox(Filter.ALL, 100);
		List<AgentEntry> agents = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			agents.add(event("agent-" + i, "idle", 1).state());
		}
		outbox.start(agents);
		outbox.offer(List.of(event("x", "running", 1)));
		tick(outbox, 1, null);
		List<JsonNode> frames = List.of(frame(outbox), frame(outbox), frame(outbox), frame(outbox));
		assertThat(frames).extracting((frame) -> frame.path("type").asString())
			.containsExactly("snapshot", "snapshot", "snapshot", "events");
		assertThat(frames.get(0).path("agents")).hasSize(2);
		assertThat(frames).extracting((frame) -> frame.path("last").asBoolean())
			.containsExactly(false, false, true, false);
		assertThat(frames.get(2).path("total").asInt()).isEqualTo(5);
	}

	@Test
	void repliesGoFirstAndStatsLast() {
		Outbox outbox = outbox(Filter.ALL, 100);
		outbox.offer(List.of(event("a", "running", 1)));
		tick(outbox, 1, "{\"type\":\"stats\"}".getBytes(StandardCharsets.UTF_8));
		outbox.reply("{\"type\":\"error\"}".getBytes(StandardCharsets.UTF_8));
		assertThat(List.of(frame(outbox), frame(outbox), frame(outbox)))
			.extracting((frame) -> frame.path("type").asString())
			.containsExactly("error", "events", "stats");
	}

	@Test
	void aWaitingTransportGetsTheFrameAtTheTick() {
		Outbox outbox = outbox(Filter.ALL, 100);
		List<byte[]> received = new ArrayList<>();
		outbox.next().subscribe(received::add);
		outbox.offer(List.of(event("a", "running", 1)));
		assertThat(received).isEmpty();
		tick(outbox, 1, null);
		assertThat(received).hasSize(1);
	}

	@Test
	void aFrameLeftUnsentPastTheTimeoutClosesTheClient() {
		Outbox outbox = outbox(Filter.ALL, 100);
		outbox.offer(List.of(event("a", "running", 1)));
		tick(outbox, 1, null);
		assertThat(poll(outbox)).isNotNull();
		tick(outbox, 1 + STUCK_NANOS, null);
		assertThat(outbox.isOpen()).isTrue();
		tick(outbox, 2 + STUCK_NANOS, null);
		assertThat(outbox.isOpen()).isFalse();
		assertThat(this.transport.closedWith).startsWith("too slow");
		assertThat(this.registry.get("beacon.broadcaster.clients.closed.slow").counter().count()).isEqualTo(1);
		assertThat(poll(outbox)).as("a closed outbox completes empty").isNull();
	}

	@Test
	void anUnwritableTransportGetsNothingAndIsClosedWhenItStaysSo() {
		Outbox outbox = outbox(Filter.ALL, 100);
		this.transport.writable = false;
		outbox.offer(List.of(event("a", "running", 1)));
		tick(outbox, 1, null);
		assertThat(poll(outbox)).isNull();
		tick(outbox, 2 + STUCK_NANOS, null);
		assertThat(outbox.isOpen()).isFalse();
	}

	@Test
	void aClientThatReadsSlowlyButSteadilyStaysOpen() {
		Outbox outbox = outbox(Filter.ALL, 100);
		for (long now = 1; now < 10 * STUCK_NANOS; now += STUCK_NANOS / 2) {
			outbox.offer(List.of(event("a", "running", now)));
			tick(outbox, now, null);
			assertThat(poll(outbox)).isNotNull();
		}
		assertThat(outbox.isOpen()).isTrue();
	}

	@Test
	void repliesToAClientThatDoesNotReadAreBounded() {
		Outbox outbox = outbox(Filter.ALL, 100);
		for (int i = 0; i < 100; i++) {
			outbox.reply(new byte[] { '{', '}' });
		}
		int frames = 0;
		while (poll(outbox) != null) {
			frames++;
		}
		assertThat(frames).isEqualTo(16);
	}

	private Outbox outbox(Filter filter, int maxQueued) {
		return outbox(filter, maxQueued, 1000);
	}

	private Outbox outbox(Filter filter, int maxQueued, int maxPerFrame) {
		ClientLimits limits = new ClientLimits(maxQueued, 1 << 20, maxPerFrame, 1 << 20, 2, STUCK, 1000);
		return new Outbox(this.transport, new JsonFrames(), filter, limits,
				new StreamMetrics(this.registry).transport("ws"), () -> this.now);
	}

	private void tick(Outbox outbox, long now, byte[] stats) {
		this.now = now;
		outbox.tick(now, stats);
	}

	/** The frame ready now, or {@code null}. */
	private static byte[] poll(Outbox outbox) {
		AtomicReference<byte[]> frame = new AtomicReference<>();
		AtomicBoolean done = new AtomicBoolean();
		Disposable waiting = outbox.next().subscribe(frame::set, (ex) -> done.set(true), () -> done.set(true));
		if (!done.get()) {
			waiting.dispose();
		}
		return frame.get();
	}

	private JsonNode frame(Outbox outbox) {
		byte[] frame = poll(outbox);
		assertThat(frame).as("a frame is ready").isNotNull();
		return this.mapper.readTree(frame);
	}

	private LiveEvent event(String agentId, String status, long seq) {
		Instant now = Instant.now();
		EventEnvelope envelope = new EventEnvelope("id-" + agentId + "-" + seq, agentId, status, now, null, seq, now,
				"test");
		return EventJson.liveEvent(envelope, this.codec.writeEnvelope(envelope), 0, this.offset++);
	}

	private static final class FakeTransport implements ClientTransport {

		private boolean writable = true;

		private String closedWith;

		@Override
		public String name() {
			return "ws";
		}

		@Override
		public boolean writable() {
			return this.writable;
		}

		@Override
		public void close(String reason) {
			this.closedWith = reason;
		}

	}

}
