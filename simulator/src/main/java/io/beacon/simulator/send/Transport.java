package io.beacon.simulator.send;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * HTTP/1.1 over a fixed pool of keep-alive connections on event loops of its own (so that
 * closing it stops nothing else in the JVM). Requests beyond the pool's size wait for a
 * free connection; the caller bounds how many it starts.
 */
public final class Transport implements AutoCloseable {

	private static final byte[] EMPTY = new byte[0];

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	/** Idle keep-alive connections are closed after this; a run's are rarely idle. */
	private static final Duration MAX_IDLE = Duration.ofSeconds(30);

	private final LoopResources loops;

	private final ConnectionProvider pool;

	private final HttpClient client;

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * A transport.
	 * @param baseUrl where every path is sent
	 * @param connections the pool's size
	 * @param timeout how long to wait for an answer (and for a free connection)
	 * @param name the threads' and the pool's name
	 */
	public Transport(URI baseUrl, int connections, Duration timeout, String name) {
		// a client's event loop only moves bytes: two threads keep up with tens of
		// thousands
		// of requests a second, more only compete with the pacer for the cores
		int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
		this.loops = LoopResources.create(name, 1, threads, true);
		this.pool = ConnectionProvider.builder(name)
			.maxConnections(connections)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(timeout)
			.maxIdleTime(MAX_IDLE)
			.build();
		this.client = HttpClient.create(this.pool)
			.runOn(this.loops)
			.baseUrl(baseUrl.toString())
			.responseTimeout(timeout)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis());
	}

	/**
	 * A {@code POST} endpoint whose request set-up is made once, for the sending path.
	 * @param path the path
	 * @param contentType the {@code Content-Type}, or {@code null} for none
	 * @return the endpoint
	 */
	public Endpoint endpoint(String path, String contentType) {
		HttpClient withType = (contentType != null)
				? this.client.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, contentType))
				: this.client;
		return new Endpoint(withType.post().uri(path));
	}

	/**
	 * One {@code GET}.
	 * @param path the path and query
	 * @return the answer
	 */
	public Mono<Answer> get(String path) {
		return this.client.get().uri(path).responseSingle(Transport::read);
	}

	/**
	 * One request whose answer does not matter, so that the first events of a run do not
	 * pay for loading the HTTP stack and opening a connection.
	 * @param path a cheap path, such as the health check
	 * @param timeout how long to wait at most
	 * @return why nothing answered, or {@code null} when something did
	 */
	public String warmUp(String path, Duration timeout) {
		// whatever answers is the run's to count, not this; no answer at all is worth
		// saying
		try {
			get(path).block(timeout);
			return null;
		}
		catch (RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof ConnectException) {
					return cause.getMessage();
				}
			}
			return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		}
	}

	private static Mono<Answer> read(HttpClientResponse response, ByteBufMono content) {
		return content.asByteArray()
			.defaultIfEmpty(EMPTY)
			.map((body) -> new Answer(response.status().code(),
					response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE),
					response.responseHeaders().get(HttpHeaderNames.RETRY_AFTER), body));
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.pool.disposeLater().block(CLOSE_TIMEOUT);
		this.loops.disposeLater(Duration.ZERO, CLOSE_TIMEOUT).block(CLOSE_TIMEOUT);
	}

	/** A {@code POST} to one path with one content type. */
	public static final class Endpoint {

		private final HttpClient.RequestSender sender;

		private Endpoint(HttpClient.RequestSender sender) {
			this.sender = sender;
		}

		/**
		 * Send a body.
		 * @param body the bytes, sent with their {@code Content-Length}
		 * @return the answer
		 */
		public Mono<Answer> post(byte[] body) {
			// a fresh buffer per subscription: the client may send a request again on a
			// connection that closed before it went out, and a sent buffer is released
			return this.sender.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
				.responseSingle(Transport::read);
		}

	}

}
