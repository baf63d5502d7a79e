package io.beacon.broadcaster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A real WebSocket client over TCP (the JDK's), keeping every frame it receives, with the
 * time it arrived. It reads only while not {@link #pause() paused}: a paused client
 * leaves data in its socket like a stuck browser tab.
 */
final class LiveClient implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper mapper = JsonMapper.builder().build();

	/** Kept reachable: a collected client closes its connections. */
	private static final HttpClient http = HttpClient.newHttpClient();

	private final List<Frame> frames = new ArrayList<>();

	private final CompletableFuture<String> closed = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private WebSocket socket;

	private boolean paused;

	private boolean demandOwed;

	/** A frame and when it arrived. */
	record Frame(JsonNode json, long arrivedAtMillis) {

		String type() {
			return this.json.path("type").asString();
		}

	}

	/**
	 * Connect.
	 * @param uri the {@code /ws} address
	 * @param origin the {@code Origin} header, or {@code null} for none
	 * @return the connected client
	 */
	static LiveClient connect(URI uri, String origin) {
		LiveClient client = new LiveClient();
		WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
		if (origin != null) {
			builder.header("Origin", origin);
		}
		client.socket = builder.buildAsync(uri, client.new Receiver()).orTimeout(30, TimeUnit.SECONDS).join();
		return client;
	}

	static LiveClient connect(URI uri) {
		return connect(uri, null);
	}

	void send(String text) {
		this.socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
	}

	void sendBinary(byte[] bytes) {
		this.socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(10, TimeUnit.SECONDS).join();
	}

	/** Stop reading: the server's frames pile up in the sockets. */
	synchronized void pause() {
		this.paused = true;
	}

	/** Read again. */
	void resume() {
		boolean request;
		synchronized (this) {
			this.paused = false;
			request = this.demandOwed;
			this.demandOwed = false;
		}
		if (request) {
			this.socket.request(1);
		}
	}

	synchronized List<Frame> frames() {
		return List.copyOf(this.frames);
	}

	synchronized List<Frame> frames(String type) {
		return this.frames.stream().filter((frame) -> frame.type().equals(type)).toList();
	}

	/** Every event received, in order, from all {@code events} frames. */
	synchronized List<JsonNode> events() {
		List<JsonNode> events = new ArrayList<>();
		for (Frame frame : this.frames) {
			if (frame.type().equals("events")) {
				frame.json().path("events").forEach(events::add);
			}
		}
		return events;
	}

	/** Every event received for one agent, in order. */
	List<JsonNode> events(String agentId) {
		return events().stream().filter((event) -> event.path("agent_id").asString().equals(agentId)).toList();
	}

	/** The agents of the first complete snapshot, once it arrived. */
	List<JsonNode> awaitSnapshot() {
		await().atMost(TIMEOUT)
			.until(() -> frames("snapshot").stream().anyMatch((f) -> f.json().path("last").asBoolean()));
		List<JsonNode> agents = new ArrayList<>();
		for (Frame frame : frames("snapshot")) {
			frame.json().path("agents").forEach(agents::add);
			if (frame.json().path("last").asBoolean()) {
				break;
			}
		}
		return agents;
	}

	Frame awaitFrame(String type) {
		await().atMost(TIMEOUT).until(() -> !frames(type).isEmpty());
		return frames(type).get(0);
	}

	/** How the server closed the connection: {@code "<code> <reason>"}, or the error. */
	CompletableFuture<String> closed() {
		return this.closed;
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
				.orTimeout(5, TimeUnit.SECONDS)
				.exceptionally((ex) -> null)
				.join();
		}
		this.socket.abort();
	}

	private final class Receiver implements WebSocket.Listener {

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			long now = System.currentTimeMillis();
			boolean request;
			synchronized (LiveClient.this) {
				LiveClient.this.partial.append(data);
				if (last) {
					LiveClient.this.frames.add(new Frame(mapper.readTree(LiveClient.this.partial.toString()), now));
					LiveClient.this.partial.setLength(0);
				}
				request = !LiveClient.this.paused;
				LiveClient.this.demandOwed = LiveClient.this.paused;
			}
			if (request) {
				webSocket.request(1);
			}
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			LiveClient.this.closed.complete(statusCode + " " + reason);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			LiveClient.this.closed.complete("error " + error);
		}

	}

}
