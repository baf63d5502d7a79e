package io.beacon.bench.broadcast;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.CharBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.beacon.common.Timestamps;
import tools.jackson.core.JacksonException;

/**
 * One WebSocket client of the broadcaster's {@code /ws} (the JDK's client, one message at
 * a time by {@code request(1)}). A healthy client asks for the next message as soon as
 * one arrived and records each event's delay, ingest to arrival, in its phase's
 * histogram, and which events it got. A slow one reads a message, then waits
 * {@code pause} before it asks for the next: the broadcaster is meant to conflate its
 * backlog, or close it, without the healthy clients noticing.
 */
final class SocketClient implements WebSocket.Listener {

	private final String name;

	private final Duration pause;

	private final Phases phases;

	private final ScheduledExecutorService scheduler;

	private final FrameReader reader = new FrameReader();

	/** A message's parts until its last arrived; only the listener's thread uses it. */
	private char[] text = new char[64 * 1024];

	private int length;

	private final List<Reception> receptions = new ArrayList<>();

	private long frames;

	private long events;

	private long conflatedFrames;

	private long states;

	private long skipped;

	private long unreadable;

	private volatile boolean snapshotDone;

	private volatile String closed;

	private volatile WebSocket socket;

	/**
	 * A client, not yet connected.
	 * @param name for the log
	 * @param pause how long it waits after each message; zero for a healthy client
	 * @param phases where events' delays go
	 * @param scheduler when the slow client asks for its next message
	 */
	SocketClient(String name, Duration pause, Phases phases, ScheduledExecutorService scheduler) {
		this.name = name;
		this.pause = pause;
		this.phases = phases;
		this.scheduler = scheduler;
	}

	SocketClient connect(HttpClient http, URI uri) {
		this.socket = http.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(uri, this)
			.orTimeout(30, TimeUnit.SECONDS)
			.join();
		return this;
	}

	String name() {
		return this.name;
	}

	boolean isSlow() {
		return !this.pause.isZero();
	}

	/** Whether the last part of its first snapshot arrived. */
	boolean snapshotDone() {
		return this.snapshotDone;
	}

	/** How the connection ended ({@code "<code> <reason>"}), {@code null} while open. */
	String closed() {
		return this.closed;
	}

	/** What it counted so far. */
	synchronized Counts counts() {
		return new Counts(this.frames, this.events, this.conflatedFrames, this.states, this.skipped, this.unreadable);
	}

	/** What it received of a phase; nothing when it was not connected then. */
	synchronized Reception reception(Phase phase) {
		return receptionOf(phase);
	}

	void close() {
		WebSocket current = this.socket;
		if (current != null && !current.isOutputClosed()) {
			current.sendClose(WebSocket.NORMAL_CLOSURE, "bench done")
				.orTimeout(5, TimeUnit.SECONDS)
				.exceptionally((ex) -> null)
				.join();
		}
		if (current != null) {
			current.abort();
		}
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		append(data);
		if (!last) {
			webSocket.request(1);
			return null;
		}
		long arrived = System.currentTimeMillis();
		int size = this.length;
		this.length = 0;
		record(size, arrived);
		if (isSlow()) {
			this.scheduler.schedule(() -> webSocket.request(1), this.pause.toMillis(), TimeUnit.MILLISECONDS);
		}
		else {
			webSocket.request(1);
		}
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed = statusCode + " " + reason;
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed = "error " + error;
	}

	private void append(CharSequence data) {
		int needed = this.length + data.length();
		if (needed > this.text.length) {
			this.text = Arrays.copyOf(this.text, Math.max(needed, this.text.length * 2));
		}
		if (data instanceof CharBuffer buffer) {
			buffer.duplicate().get(this.text, this.length, data.length());
		}
		else {
			for (int i = 0; i < data.length(); i++) {
				this.text[this.length + i] = data.charAt(i);
			}
		}
		this.length = needed;
	}

	private synchronized void record(int size, long arrived) {
		this.frames++;
		FrameReader.Frame frame;
		try {
			frame = this.reader.read(this.text, size);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			this.unreadable++;
			return;
		}
		if (frame.isSnapshot()) {
			this.snapshotDone |= frame.last();
			return;
		}
		if (!frame.isEvents()) {
			return;
		}
		this.skipped += frame.skipped();
		if (frame.conflated()) {
			// the latest state per agent instead of the events: they do not count as
			// received
			this.conflatedFrames++;
			this.states += frame.items();
			return;
		}
		this.events += frame.items();
		for (int i = 0; i < frame.items(); i++) {
			long seq = this.reader.seq(i);
			Phase phase = this.phases.of(seq);
			if (phase == null) {
				continue;
			}
			receptionOf(phase).add(seq - phase.first());
			long receivedAt = this.reader.receivedAtMillis(i);
			if (isSlow()) {
				continue;
			}
			if (receivedAt == Timestamps.INVALID) {
				this.unreadable++;
			}
			else {
				phase.healthyDelays().recordMicros((arrived - receivedAt) * 1000);
			}
		}
	}

	private Reception receptionOf(Phase phase) {
		while (this.receptions.size() <= phase.index()) {
			this.receptions.add(new Reception());
		}
		return this.receptions.get(phase.index());
	}

	/**
	 * What a client counted since it connected.
	 *
	 * @param frames messages received
	 * @param events events received one by one
	 * @param conflatedFrames {@code events} frames with the latest state per agent
	 * instead
	 * @param states agent states received in those
	 * @param skipped events the broadcaster said it skipped for the client
	 * @param unreadable frames that were not JSON, or events without a readable
	 * {@code received_at}
	 */
	record Counts(long frames, long events, long conflatedFrames, long states, long skipped, long unreadable) {

		Counts plus(Counts other) {
			return new Counts(this.frames + other.frames, this.events + other.events,
					this.conflatedFrames + other.conflatedFrames, this.states + other.states,
					this.skipped + other.skipped, this.unreadable + other.unreadable);
		}

		Counts minus(Counts before) {
			return new Counts(this.frames - before.frames, this.events - before.events,
					this.conflatedFrames - before.conflatedFrames, this.states - before.states,
					this.skipped - before.skipped, this.unreadable - before.unreadable);
		}

	}

}
