package io.beacon.simulator;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.beacon.common.EventCodec;
import io.beacon.common.EventEnvelope;
import io.beacon.common.StateTransition;
import io.beacon.common.ValidationResult;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * The pipeline in one small server on a loopback port, for the probes: {@code POST
 * /ingest/state} and {@code /ingest/batch} accept events (202) and stamp
 * {@code received_at} as the gateway does; {@code /ws} sends them back every 100 ms in
 * {@code events} frames written as the broadcaster writes them (the topic envelope plus
 * {@code partition} and {@code offset}, at most 1,000 a frame); {@code GET /status}
 * answers as the watchtower does, with an archive lag that a flush every 2 s takes back
 * to 0. Also runnable on its own ({@link #main}) to measure the simulator's probe cost.
 */
final class StubPipeline implements AutoCloseable {

	private static final int MAX_EVENTS_PER_FRAME = 1000;

	private static final byte[] ACCEPTED = "{\"status\":\"accepted\"}".getBytes(StandardCharsets.US_ASCII);

	private final EventCodec codec = new EventCodec();

	private final LoopResources loops = LoopResources.create("stub-pipeline", 1, 2, true);

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "stub-pipeline-timer");
		thread.setDaemon(true);
		return thread;
	});

	private final Queue<byte[]> waiting = new ConcurrentLinkedQueue<>();

	private final List<Sinks.Many<byte[]>> clients = new CopyOnWriteArrayList<>();

	private final AtomicLong offset = new AtomicLong();

	private final AtomicLong unarchived = new AtomicLong();

	private final DisposableServer server;

	private volatile boolean starting;

	private final boolean parse;

	StubPipeline(int port) {
		this(port, true);
	}

	/**
	 * @param port the port, 0 for any free one
	 * @param parse whether to read events with the real codec (tests); otherwise they are
	 * counted and the frames carry made-up envelopes of the same agents, so that the stub
	 * costs little beside the simulator it measures
	 */
	StubPipeline(int port, boolean parse) {
		this.parse = parse;
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.runOn(this.loops)
			.route((routes) -> routes
				.get("/actuator/health", (request, response) -> response.sendString(Mono.just("{}")))
				.post("/ingest/state",
						(request, response) -> request.receive().aggregate().asByteArray().flatMap((body) -> {
							accept(this.codec.readEvent(body));
							return response.status(202).sendByteArray(Mono.just(ACCEPTED)).then();
						}))
				.post("/ingest/batch",
						(request, response) -> request.receive().aggregate().asByteArray().flatMap((body) -> {
							batch(body);
							return response.status(202).sendByteArray(Mono.just(ACCEPTED)).then();
						}))
				.get("/status", (request, response) -> {
					if (this.starting) {
						return response.status(503).sendString(Mono.just("{\"error\":\"starting\"}"));
					}
					return response.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"status\":\"up\",\"checked_at\":\"" + Instant.now()
								+ "\",\"consumer_lag\":{\"beacon-archiver\":" + this.unarchived.get() + "}}"));
				})
				.ws("/ws", (in, out) -> {
					Sinks.Many<byte[]> frames = Sinks.many().unicast().onBackpressureBuffer();
					this.clients.add(frames);
					in.receive()
						.then()
						.subscribe(null, (error) -> this.clients.remove(frames), () -> this.clients.remove(frames));
					return out.sendObject(
							frames.asFlux().map((bytes) -> new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes))));
				}))
			.bindNow();
		this.timer.scheduleAtFixedRate(this::flushFrames, 100, 100, TimeUnit.MILLISECONDS);
		this.timer.scheduleAtFixedRate(() -> this.unarchived.set(0), 2, 2, TimeUnit.SECONDS);
	}

	/** While set, {@code /status} answers {@code 503 starting}. */
	void starting(boolean starting) {
		this.starting = starting;
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.port());
	}

	URI wsUrl() {
		return URI.create("ws://127.0.0.1:" + this.server.port() + "/ws");
	}

	private void batch(byte[] body) {
		if (!this.parse) {
			count(body);
			return;
		}
		ValidationResult<List<StateTransition>> batch = this.codec.readBatch(body, false);
		if (batch instanceof ValidationResult.Valid<List<StateTransition>> valid) {
			Instant now = Instant.now();
			valid.value().forEach((event) -> publish(event, now));
		}
	}

	private static final byte[] AGENT_ID = "\"agent_id\":\"".getBytes(StandardCharsets.US_ASCII);

	/** Without parsing: one made-up envelope per {@code "agent_id":"} in the body. */
	private void count(byte[] body) {
		String receivedAt = Instant.now().toString();
		for (int i = 0; i + AGENT_ID.length <= body.length; i++) {
			if (body[i] != '"' || !startsWith(body, i, AGENT_ID)) {
				continue;
			}
			int start = i + AGENT_ID.length;
			int end = start;
			while (end < body.length && body[end] != '"') {
				end++;
			}
			String agentId = new String(body, start, end - start, StandardCharsets.US_ASCII);
			long offset = this.offset.getAndIncrement();
			this.waiting.add(("{\"event_id\":\"0190a5d2-6f1e-7c3b-9a4d-" + String.format(Locale.ROOT, "%012d", offset)
					+ "\",\"agent_id\":\"" + agentId + "\",\"status\":\"running\",\"timestamp\":\"" + receivedAt
					+ "\",\"metadata\":{\"run\":\"stub\",\"cycle\":1},\"seq\":" + offset + ",\"received_at\":\""
					+ receivedAt + "\",\"gateway\":\"stub-gateway\",\"partition\":" + (offset % 12) + ",\"offset\":"
					+ offset + "}")
				.getBytes(StandardCharsets.US_ASCII));
			this.unarchived.incrementAndGet();
			i = end;
		}
	}

	private static boolean startsWith(byte[] body, int at, byte[] prefix) {
		for (int k = 0; k < prefix.length; k++) {
			if (body[at + k] != prefix[k]) {
				return false;
			}
		}
		return true;
	}

	private void accept(ValidationResult<StateTransition> result) {
		if (result instanceof ValidationResult.Valid<StateTransition> valid) {
			publish(valid.value(), Instant.now());
		}
	}

	private void publish(StateTransition event, Instant receivedAt) {
		EventEnvelope envelope = event.toEnvelope(null, receivedAt, "stub-gateway");
		byte[] json = this.codec.writeEnvelope(envelope);
		// as the broadcaster's EventJson: the envelope with the record's place in it
		byte[] place = (",\"partition\":" + Math.floorMod(envelope.agentId().hashCode(), 12) + ",\"offset\":"
				+ this.offset.getAndIncrement() + "}")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] live = new byte[json.length - 1 + place.length];
		System.arraycopy(json, 0, live, 0, json.length - 1);
		System.arraycopy(place, 0, live, json.length - 1, place.length);
		this.waiting.add(live);
		this.unarchived.incrementAndGet();
	}

	private void flushFrames() {
		while (!this.waiting.isEmpty()) {
			List<byte[]> events = new ArrayList<>();
			byte[] event;
			while (events.size() < MAX_EVENTS_PER_FRAME && (event = this.waiting.poll()) != null) {
				events.add(event);
			}
			byte[] frame = frame(events);
			for (Sinks.Many<byte[]> client : this.clients) {
				client.tryEmitNext(frame);
			}
		}
	}

	/** As the broadcaster's JsonFrames writes an {@code events} frame. */
	static byte[] frame(List<byte[]> events) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes("{\"type\":\"events\",\"events\":[".getBytes(StandardCharsets.US_ASCII));
		for (int i = 0; i < events.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.writeBytes(events.get(i));
		}
		out.writeBytes("],\"skipped\":0,\"conflated\":false}".getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
		this.server.disposeNow(Duration.ofSeconds(5));
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(5));
	}

	/**
	 * Serve until killed: {@code java -cp … io.beacon.simulator.StubPipeline 18000}.
	 * @param args the port
	 * @throws InterruptedException never, in practice
	 */
	public static void main(String[] args) throws InterruptedException {
		StubPipeline stub = new StubPipeline(Integer.parseInt(args[0]), false);
		System.out.println("stub pipeline on " + stub.url() + " and " + stub.wsUrl());
		new CountDownLatch(1).await();
	}

}
