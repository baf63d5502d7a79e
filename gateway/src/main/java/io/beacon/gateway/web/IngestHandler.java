package io.beacon.gateway.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.beacon.common.EventCodec;
import io.beacon.common.EventEnvelope;
import io.beacon.common.EventIds;
import io.beacon.common.FieldError;
import io.beacon.common.StateTransition;
import io.beacon.common.ValidationResult;
import io.beacon.gateway.config.GatewayProperties;
import io.beacon.gateway.kafka.BatchOutcome;
import io.beacon.gateway.kafka.EventPublisher;
import io.beacon.gateway.kafka.OutgoingRecord;
import io.beacon.gateway.kafka.PublishException;
import io.beacon.gateway.kafka.PublishFailure;
import io.beacon.gateway.kafka.Receipt;
import io.beacon.gateway.web.IngestResponses.Accepted;
import io.beacon.gateway.web.IngestResponses.ItemReceipt;
import io.beacon.gateway.web.IngestResponses.Problem;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code POST /ingest/state} and {@code POST /ingest/batch}: validate everything first,
 * produce, and answer 202 only for what the broker acknowledged.
 */
@Component
class IngestHandler {

	private static final String STATE = "state";

	private static final String BATCH = "batch";

	private final EventCodec codec;

	private final EventPublisher publisher;

	private final RequestBodies bodies;

	private final IngestMetrics metrics;

	private final String instanceId;

	private final String retryAfterSeconds;

	IngestHandler(EventCodec codec, EventPublisher publisher, RequestBodies bodies, IngestMetrics metrics,
			GatewayProperties properties) {
		this.codec = codec;
		this.publisher = publisher;
		this.bodies = bodies;
		this.metrics = metrics;
		this.instanceId = properties.instanceId();
		this.retryAfterSeconds = String.valueOf(Math.max(1, properties.retryAfter().toSeconds()));
	}

	Mono<ServerResponse> ingestState(ServerRequest request) {
		if (!RequestBodies.isUtf8(request.headers().contentType(), MediaType.APPLICATION_JSON)) {
			return unsupportedMediaType(STATE, "Content-Type must be application/json (UTF-8)");
		}
		Scheduler eventLoop = eventLoopOf(request);
		return this.bodies.read(request)
			.flatMap((body) -> ingestOne(body, eventLoop))
			.onErrorResume(RequestBodies.TooLargeException.class, (ex) -> tooLarge(STATE));
	}

	Mono<ServerResponse> ingestBatch(ServerRequest request) {
		boolean ndjson = RequestBodies.isUtf8(request.headers().contentType(), MediaType.APPLICATION_NDJSON);
		if (!ndjson && !RequestBodies.isUtf8(request.headers().contentType(), MediaType.APPLICATION_JSON)) {
			return unsupportedMediaType(BATCH,
					"Content-Type must be application/json (an array) or application/x-ndjson (UTF-8)");
		}
		Scheduler eventLoop = eventLoopOf(request);
		return this.bodies.read(request)
			.flatMap((body) -> ingestMany(body, ndjson, eventLoop))
			.onErrorResume(RequestBodies.TooLargeException.class, (ex) -> tooLarge(BATCH));
	}

	Mono<ServerResponse> methodNotAllowed(ServerRequest request) {
		return json(ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST"),
				new Problem("method_not_allowed", "use POST", null));
	}

	private Mono<ServerResponse> ingestOne(byte[] body, Scheduler eventLoop) {
		ValidationResult<StateTransition> result = this.codec.readEvent(body);
		if (result instanceof ValidationResult.Invalid<StateTransition> invalid) {
			return invalidEvent(STATE, invalid.errors());
		}
		EventEnvelope envelope = envelope(((ValidationResult.Valid<StateTransition>) result).value(), Instant.now());
		Timer.Sample produce = this.metrics.startProduce();
		return this.publisher.publish(record(envelope)).publishOn(eventLoop).flatMap((receipt) -> {
			this.metrics.produced(produce);
			this.metrics.acceptedSingle();
			return json(ServerResponse.accepted(),
					new Accepted(IngestResponses.ACCEPTED, envelope.eventId(), receipt.partition(), receipt.offset()));
		}).onErrorResume(PublishException.class, (ex) -> {
			this.metrics.failed(STATE, ex.failure().tag(), 1);
			return json(unavailable(), new Problem("broker_unavailable", ex.failure().description() + "; retry", null));
		});
	}

	private Mono<ServerResponse> ingestMany(byte[] body, boolean ndjson, Scheduler eventLoop) {
		ValidationResult<List<StateTransition>> result = this.codec.readBatch(body, ndjson);
		if (result instanceof ValidationResult.Invalid<List<StateTransition>> invalid) {
			return invalidEvent(BATCH, invalid.errors());
		}
		List<StateTransition> events = ((ValidationResult.Valid<List<StateTransition>>) result).value();
		Instant receivedAt = Instant.now();
		List<EventEnvelope> envelopes = new ArrayList<>(events.size());
		List<OutgoingRecord> records = new ArrayList<>(events.size());
		for (StateTransition event : events) {
			EventEnvelope envelope = envelope(event, receivedAt);
			envelopes.add(envelope);
			records.add(record(envelope));
		}
		Timer.Sample produce = this.metrics.startProduce();
		return this.publisher.publishAll(records)
			.publishOn(eventLoop)
			.flatMap((outcome) -> answerBatch(envelopes, outcome, produce));
	}

	private Mono<ServerResponse> answerBatch(List<EventEnvelope> envelopes, BatchOutcome outcome,
			Timer.Sample produce) {
		List<ItemReceipt> receipts = new ArrayList<>(envelopes.size());
		List<Integer> failed = new ArrayList<>();
		for (int i = 0; i < envelopes.size(); i++) {
			Receipt receipt = outcome.receipts().get(i);
			String eventId = envelopes.get(i).eventId();
			if (receipt != null) {
				receipts
					.add(new ItemReceipt(i, eventId, IngestResponses.ACCEPTED, receipt.partition(), receipt.offset()));
			}
			else {
				receipts.add(new ItemReceipt(i, eventId, IngestResponses.NOT_ACKNOWLEDGED, null, null));
				failed.add(i);
			}
		}
		int acknowledged = envelopes.size() - failed.size();
		if (acknowledged > 0) {
			this.metrics.acceptedBatch(acknowledged);
		}
		if (outcome.allAcknowledged()) {
			this.metrics.produced(produce);
			return ServerResponse.accepted()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(BatchAnswers.accepted(this.codec.mapper(), receipts));
		}
		PublishFailure failure = outcome.failure();
		this.metrics.failed(BATCH, failure.tag(), failed.size());
		String message = failed.size() + " of " + envelopes.size() + " events not acknowledged ("
				+ failure.description() + "); retry the failed indexes, event ids make it safe";
		return unavailable().bodyValue(BatchAnswers.notAcknowledged(this.codec.mapper(), message, failed, receipts));
	}

	/**
	 * The event loop of the request's connection. Acknowledgements arrive on the
	 * producer's single network thread; answering from the connection's own event loop
	 * keeps both the response work off that thread and the write local to the loop, where
	 * a hop to any other thread costs a wake-up per response (measured: half the
	 * throughput).
	 */
	private static Scheduler eventLoopOf(ServerRequest request) {
		Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request.exchange().getRequest());
		if (nativeRequest instanceof Connection connection) {
			return Schedulers.fromExecutor(connection.channel().eventLoop());
		}
		return Schedulers.immediate();
	}

	private EventEnvelope envelope(StateTransition event, Instant receivedAt) {
		String assigned = (event.eventId() != null) ? null : EventIds.next();
		return event.toEnvelope(assigned, receivedAt, this.instanceId);
	}

	private OutgoingRecord record(EventEnvelope envelope) {
		return new OutgoingRecord(envelope.agentId(), this.codec.writeEnvelope(envelope));
	}

	/**
	 * Serializes with the event codec's mapper and writes bytes: cheaper on the hot path
	 * than Spring's encoder lookup per response.
	 */
	private Mono<ServerResponse> json(ServerResponse.BodyBuilder response, Object body) {
		return response.contentType(MediaType.APPLICATION_JSON).bodyValue(this.codec.mapper().writeValueAsBytes(body));
	}

	private Mono<ServerResponse> invalidEvent(String endpoint, List<FieldError> errors) {
		this.metrics.rejected(endpoint, "invalid_event");
		return json(ServerResponse.badRequest(), new Problem("invalid_event", null, errors));
	}

	private Mono<ServerResponse> tooLarge(String endpoint) {
		this.metrics.rejected(endpoint, "payload_too_large");
		return json(ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE), new Problem("payload_too_large",
				"request body exceeds " + this.bodies.maxBytes() + " bytes; split it into smaller requests", null));
	}

	private Mono<ServerResponse> unsupportedMediaType(String endpoint, String message) {
		this.metrics.rejected(endpoint, "unsupported_media_type");
		return json(ServerResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
				new Problem("unsupported_media_type", message, null));
	}

	private ServerResponse.BodyBuilder unavailable() {
		return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, this.retryAfterSeconds)
			.contentType(MediaType.APPLICATION_JSON);
	}

}
