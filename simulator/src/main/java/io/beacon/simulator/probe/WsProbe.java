package io.beacon.simulator.probe;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.beacon.simulator.report.Format;
import io.beacon.simulator.report.Terminal;
import io.beacon.simulator.report.WsFigures;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.LoopResources;

/**
 * A client of the broadcaster's {@code /ws} for the whole run: every {@code events} frame
 * is scanned as it is read (no JSON library, nothing kept per event) and the delays of
 * this run's events go into {@link DelayStats}. A connection that drops is opened again
 * after a backoff (100 ms doubling to 5 s) and counted. One event loop thread of its own,
 * so it neither competes with the sender's loops nor stops with them.
 */
public final class WsProbe implements AutoCloseable {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** The first connection, before the run, is waited for this long. */
	static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

	/** The broadcaster's frames are at most ~1 MB; a conflated one may hold more. */
	static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

	static final long BACKOFF_INITIAL_MILLIS = 100;

	static final long BACKOFF_MAX_MILLIS = 5000;

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final URI url;

	private final DelayStats stats;

	private final Terminal terminal;

	private final LoopResources loops;

	private final HttpClient client;

	private final ScheduledExecutorService retries;

	private final AtomicLong disconnects = new AtomicLong();

	private final AtomicLong lastOwnEventMillis = new AtomicLong();

	private volatile boolean closing;

	private volatile Disposable connection;

	/** Whether the connection under way finished its handshake. */
	private volatile boolean open;

	private volatile String lastClose;

	private final AtomicInteger failedAttempts = new AtomicInteger();

	/** Read on the event loop thread only. */
	private byte[] buffer = new byte[64 * 1024];

	private WsProbe(URI url, DelayStats stats, Terminal terminal) {
		this.url = url;
		this.stats = stats;
		this.terminal = terminal;
		this.loops = LoopResources.create("sim-ws", 1, 1, true);
		HttpClient plain = HttpClient.newConnection()
			.runOn(this.loops)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis());
		this.client = "wss".equals(url.getScheme().toLowerCase(Locale.ROOT)) ? plain.secure() : plain;
		this.retries = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "sim-ws-retry");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Connect, before sending starts.
	 * @param url the broadcaster's WebSocket
	 * @param stats where the delays go
	 * @param terminal where a failure to connect is said
	 * @return the probe, connected; {@code null} when nothing answered (said in one line:
	 * the run goes on without it)
	 */
	public static WsProbe open(URI url, DelayStats stats, Terminal terminal) {
		WsProbe probe = new WsProbe(url, stats, terminal);
		String problem = probe.connectFirst();
		if (problem == null) {
			return probe;
		}
		terminal.message("simulator: --ws-url " + url + " does not answer (" + problem
				+ "): is the broadcaster running? The run goes on without the WebSocket delay probe.");
		probe.close();
		return null;
	}

	private String connectFirst() {
		CompletableFuture<Void> connected = new CompletableFuture<>();
		connect(connected, true);
		try {
			connected.get(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			return null;
		}
		catch (ExecutionException ex) {
			return reason(ex.getCause());
		}
		catch (TimeoutException ex) {
			return "no WebSocket handshake in " + HANDSHAKE_TIMEOUT.toSeconds() + " s";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/**
	 * One attempt.
	 * @param connected completed once the handshake is done
	 * @param first whether it is the attempt before the run: it is not made again
	 */
	private void connect(CompletableFuture<Void> connected, boolean first) {
		if (this.closing) {
			return;
		}
		this.connection = this.client
			.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME_BYTES).build())
			.uri(this.url.toString())
			.handle((in, out) -> {
				this.open = true;
				connected.complete(null);
				this.failedAttempts.set(0);
				in.receiveCloseStatus().subscribe((status) -> {
					if (!this.closing) {
						this.lastClose = status.code() + " " + status.reasonText();
					}
				});
				return in.aggregateFrames(MAX_FRAME_BYTES).receiveFrames().doOnNext(this::frame).then();
			})
			.subscribe(null, (error) -> ended(connected, first, error), () -> ended(connected, first, null));
	}

	private void ended(CompletableFuture<Void> connected, boolean first, Throwable error) {
		this.open = false;
		boolean wasConnected = connected.isDone() && !connected.isCompletedExceptionally();
		if (!wasConnected) {
			connected
				.completeExceptionally((error != null) ? error : new ConnectException("closed during the handshake"));
		}
		if (this.closing || (first && !wasConnected)) {
			// before the run the caller says it and goes on without the probe
			return;
		}
		if (wasConnected) {
			this.disconnects.incrementAndGet();
			this.terminal.message("simulator: the WebSocket " + this.url + " dropped"
					+ ((this.lastClose != null) ? " (last close: " + this.lastClose + ")" : "")
					+ ((error != null) ? " (" + reason(error) + ")" : "") + "; connecting again");
		}
		int failed = this.failedAttempts.getAndIncrement();
		long delay = Math.min(BACKOFF_MAX_MILLIS, BACKOFF_INITIAL_MILLIS << Math.min(10, failed));
		try {
			this.retries.schedule(() -> connect(new CompletableFuture<>(), false), delay, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closed meanwhile
		}
	}

	private void frame(WebSocketFrame frame) {
		if (!(frame instanceof TextWebSocketFrame)) {
			return;
		}
		long arrival = System.currentTimeMillis();
		ByteBuf content = frame.content();
		int length = content.readableBytes();
		if (length > this.buffer.length) {
			this.buffer = new byte[Math.max(length, this.buffer.length * 2)];
		}
		content.getBytes(content.readerIndex(), this.buffer, 0, length);
		long before = this.stats.ownEvents();
		this.stats.frame(arrival, this.buffer, length);
		if (this.stats.ownEvents() != before) {
			this.lastOwnEventMillis.set(arrival);
		}
	}

	/**
	 * Wait, after the last send, for the last events to come: until none of the run's
	 * came for a while, or the time is up.
	 * @param quiet how long without an event of the run counts as done
	 * @param timeout the longest wait
	 */
	public void awaitQuiet(Duration quiet, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long since = System.currentTimeMillis();
		while (System.nanoTime() - deadline < 0) {
			long last = Math.max(since, this.lastOwnEventMillis.get());
			if (System.currentTimeMillis() - last >= quiet.toMillis()) {
				return;
			}
			LockSupport.parkNanos(50_000_000L);
		}
	}

	/**
	 * For the progress line: the last full second's p99.
	 * @return e.g. {@code ws p99 120 ms}
	 */
	public String progress() {
		this.stats.tick(System.currentTimeMillis());
		WsFigures.Window last = this.stats.lastWindow();
		return (last == null) ? "ws p99 -" : "ws p99 " + Format.millis(last.p99Micros());
	}

	/** Frames read so far. */
	public long frames() {
		return this.stats.frames();
	}

	/** Drops of the connection so far. */
	public long disconnects() {
		return this.disconnects.get();
	}

	/**
	 * Close, and sum up.
	 * @return the figures
	 */
	public WsFigures finish() {
		close();
		return this.stats.figures(this.url.toString(), this.disconnects.get(), this.lastClose);
	}

	@Override
	public void close() {
		if (this.closing) {
			return;
		}
		this.closing = true;
		this.retries.shutdownNow();
		Disposable current = this.connection;
		if (current != null && this.open) {
			current.dispose();
		}
		// a handshake under way is not cancelled but cut with the event loop: its error
		// then comes to ended(), instead of Reactor printing it with a stack trace
		this.loops.disposeLater(Duration.ZERO, CLOSE_TIMEOUT).block(CLOSE_TIMEOUT);
	}

	private static String reason(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException && cause.getMessage() != null) {
				return cause.getMessage();
			}
		}
		String message = (error.getMessage() != null) ? error.getMessage() : error.getClass().getSimpleName();
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}
