package io.beacon.broadcaster.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.beacon.broadcaster.stream.ClientTransport;
import io.beacon.broadcaster.stream.Filter;
import io.beacon.broadcaster.stream.FrameFormat;
import io.beacon.broadcaster.stream.Hub;
import io.beacon.broadcaster.stream.InvalidFilterException;
import io.beacon.broadcaster.stream.Outbox;
import io.beacon.broadcaster.stream.SseFrames;
import io.beacon.broadcaster.stream.TooManyClientsException;
import io.beacon.common.FieldError;
import io.netty.channel.Channel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /stream}: the live events as Server-Sent Events, filtered by
 * {@code agent_id} and {@code status} (each repeatable or comma-separated), with the
 * agents' current state first when {@code snapshot=true}. The same outbox as a WebSocket
 * client, gated by the connection's writability: frames wait (and are conflated) in the
 * outbox while the connection's buffer is full.
 */
class StreamHandler {

	private static final byte[] GREETING = ": beacon broadcaster: live events follow\n\n".getBytes();

	private final FrameFormat format = new SseFrames();

	private final Hub hub;

	StreamHandler(Hub hub) {
		this.hub = hub;
	}

	Mono<ServerResponse> stream(ServerRequest request) {
		Filter filter;
		boolean snapshot;
		try {
			filter = Filter.of(values(request, "agent_id"), "agent_id", values(request, "status"), "status");
			snapshot = snapshot(request);
		}
		catch (InvalidFilterException ex) {
			return badRequest(ex.problems());
		}
		ServerHttpResponse response = request.exchange().getResponse();
		Outbox outbox;
		try {
			outbox = this.hub.connect(new StreamTransport(channelOf(response)), this.format, filter, snapshot);
		}
		catch (TooManyClientsException ex) {
			return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, "5")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("error", "too_many_clients", "message", ex.getMessage()));
		}
		outbox.reply(GREETING);
		DataBufferFactory buffers = response.bufferFactory();
		Flux<Mono<DataBuffer>> frames = Mono.defer(outbox::next)
			.repeat(outbox::isOpen)
			.map((frame) -> Mono.just(buffers.wrap(frame)))
			.doFinally((signal) -> this.hub.disconnect(outbox, "the client went away"));
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.header(HttpHeaders.CACHE_CONTROL, "no-cache")
			.body((out, context) -> out.writeAndFlushWith(frames));
	}

	private static List<String> values(ServerRequest request, String name) {
		List<String> values = new ArrayList<>();
		for (String value : request.queryParams().getOrDefault(name, List.of())) {
			for (String part : value.split(",", -1)) {
				values.add(part.trim());
			}
		}
		return values;
	}

	private static boolean snapshot(ServerRequest request) {
		String value = request.queryParam("snapshot").orElse("false");
		return switch (value) {
			case "true", "" -> true;
			case "false" -> false;
			default -> throw new InvalidFilterException(
					List.of(FieldError.of("snapshot", "must be true or false, not \"" + value + "\"")));
		};
	}

	private static Mono<ServerResponse> badRequest(List<FieldError> problems) {
		List<Map<String, String>> details = new ArrayList<>();
		for (FieldError problem : problems) {
			Map<String, String> detail = new LinkedHashMap<>();
			detail.put("field", problem.field());
			detail.put("message", problem.message());
			details.add(detail);
		}
		return ServerResponse.badRequest()
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("error", "invalid_parameter", "details", details));
	}

	/** The Netty channel under the response, or {@code null} on another server. */
	private static Channel channelOf(ServerHttpResponse response) {
		Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		if (nativeResponse instanceof HttpServerResponse netty) {
			Channel[] channel = new Channel[1];
			netty.withConnection((connection) -> channel[0] = connection.channel());
			return channel[0];
		}
		return null;
	}

	/**
	 * A stream is writable while the connection's outbound buffer is under Netty's high
	 * water mark; a client too slow is cut off (SSE has no close frame to explain).
	 */
	private record StreamTransport(Channel channel) implements ClientTransport {

		@Override
		public String name() {
			return "sse";
		}

		@Override
		public boolean writable() {
			return this.channel == null || this.channel.isWritable();
		}

		@Override
		public void close(String reason) {
			if (this.channel != null) {
				this.channel.close();
			}
		}

	}

}
