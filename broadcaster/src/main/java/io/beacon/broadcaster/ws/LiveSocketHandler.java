package io.beacon.broadcaster.ws;

import io.beacon.broadcaster.stream.ClientTransport;
import io.beacon.broadcaster.stream.Filter;
import io.beacon.broadcaster.stream.FrameFormat;
import io.beacon.broadcaster.stream.Hub;
import io.beacon.broadcaster.stream.JsonFrames;
import io.beacon.broadcaster.stream.Outbox;
import io.beacon.broadcaster.stream.TooManyClientsException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * {@code /ws}: a snapshot, then events, stats and replies as JSON text frames. Frames are
 * pulled from the client's outbox one at a time, the next only once the previous was
 * written to the connection, so a slow client's backlog waits (and is conflated) in its
 * outbox, never in the connection.
 */
class LiveSocketHandler implements WebSocketHandler {

	private static final Logger logger = LoggerFactory.getLogger(LiveSocketHandler.class);

	/** The close code for "try again later" (RFC 6455 registry). */
	private static final int TRY_AGAIN_LATER = 1013;

	/** The largest frame or message a client may send: Reactor Netty's default. */
	static final int MAX_MESSAGE_BYTES = 65536;

	private final FrameFormat format = new JsonFrames();

	private final Hub hub;

	private final ClientMessages messages;

	LiveSocketHandler(Hub hub, ClientMessages messages) {
		this.hub = hub;
		this.messages = messages;
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		Outbox outbox;
		try {
			outbox = this.hub.connect(new SocketTransport(session), this.format, Filter.ALL, true);
		}
		catch (TooManyClientsException ex) {
			return session.close(new CloseStatus(TRY_AGAIN_LATER, "too many clients; try again later"));
		}
		Mono<Void> inbound = session.receive()
			.doOnNext((message) -> receive(outbox, message))
			.doFinally((signal) -> this.hub.disconnect(outbox, "the client closed the connection"))
			.then();
		Mono<Void> outbound = Mono.defer(outbox::next)
			.flatMap((frame) -> session
				.send(Mono.just(new WebSocketMessage(WebSocketMessage.Type.TEXT, session.bufferFactory().wrap(frame)))))
			.repeat(outbox::isOpen)
			.then(Mono.defer(() -> session.close(CloseStatus.GOING_AWAY.withReason(outbox.closedReason()))));
		return Mono.when(inbound, outbound).onErrorResume((ex) -> {
			logger.debug("WebSocket {} ended: {}", session.getId(), ex.toString());
			return tooBig(ex) ? session
				.close(CloseStatus.TOO_BIG_TO_PROCESS
					.withReason("a message may be at most " + MAX_MESSAGE_BYTES + " bytes; send a shorter subscribe"))
				.onErrorResume((closeFailed) -> Mono.empty()) : Mono.empty();
		}).doFinally((signal) -> this.hub.disconnect(outbox, "the connection ended"));
	}

	/**
	 * Whether the connection failed because the client sent a frame or message over the
	 * limit (Reactor Netty's {@code maxFramePayloadLength}, 64 KiB).
	 */
	private static boolean tooBig(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof TooLongFrameException) {
				return true;
			}
			if (cause instanceof CorruptedWebSocketFrameException corrupted
					&& corrupted.closeStatus().code() == CloseStatus.TOO_BIG_TO_PROCESS.getCode()) {
				return true;
			}
		}
		return false;
	}

	private void receive(Outbox outbox, WebSocketMessage message) {
		if (message.getType() != WebSocketMessage.Type.TEXT) {
			if (message.getType() == WebSocketMessage.Type.BINARY) {
				outbox.reply(this.messages.error("binary frames are not understood; send JSON text"));
			}
			return;
		}
		try {
			Filter filter = this.messages.readSubscribe(message.getPayloadAsText());
			this.hub.resubscribe(outbox, filter, this.messages.subscribed(filter));
		}
		catch (BadMessageException ex) {
			outbox.reply(this.messages.error(ex.getMessage()));
		}
	}

	/** Frames go one at a time; closing for slowness says why in the close frame. */
	private record SocketTransport(WebSocketSession session) implements ClientTransport {

		@Override
		public String name() {
			return "ws";
		}

		@Override
		public boolean writable() {
			return true;
		}

		@Override
		public void close(String reason) {
			this.session.close(CloseStatus.POLICY_VIOLATION.withReason(reason))
				.subscribe(null, (ex) -> logger.debug("Closing WebSocket {} failed: {}", this.session.getId(), ex));
		}

	}

}
