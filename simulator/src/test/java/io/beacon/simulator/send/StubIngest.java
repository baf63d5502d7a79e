package io.beacon.simulator.send;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A real HTTP server on a loopback port that answers ingest requests as a test scripts it
 * (a 503 first, a 202 next, …), and keeps every body it received.
 */
final class StubIngest implements AutoCloseable {

	private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");

	private final LoopResources loops = LoopResources.create("stub-ingest", 1, true);

	private final DisposableServer server;

	private final Queue<String> bodies = new ConcurrentLinkedQueue<>();

	/**
	 * @param replies the answer to a request, from its path and body; {@code null} for
	 * none at all (the client times out)
	 */
	StubIngest(BiFunction<String, String, Reply> replies) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.handle((request, response) -> request.receive()
				.aggregate()
				.asString(StandardCharsets.UTF_8)
				.defaultIfEmpty("")
				.flatMap((body) -> {
					this.bodies.add(body);
					Reply reply = replies.apply(request.uri(), body);
					if (reply == null) {
						return Mono.never();
					}
					response.status(reply.status()).header("Content-Type", "application/json");
					if (reply.retryAfter() != null) {
						response.header("Retry-After", reply.retryAfter());
					}
					return response.sendString(Mono.just(reply.body())).then();
				}))
			.bindNow();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.port());
	}

	List<String> bodies() {
		return new ArrayList<>(this.bodies);
	}

	static List<String> eventIds(String body) {
		List<String> ids = new ArrayList<>();
		Matcher matcher = EVENT_ID.matcher(body);
		while (matcher.find()) {
			ids.add(matcher.group(1));
		}
		return ids;
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(5));
	}

	record Reply(int status, String retryAfter, String body) {

		static Reply accepted() {
			return new Reply(202, null, "{\"status\":\"accepted\"}");
		}

		static Reply unavailable() {
			return new Reply(503, "0", "{\"error\":\"broker_unavailable\",\"message\":\"retry\"}");
		}

	}

}
