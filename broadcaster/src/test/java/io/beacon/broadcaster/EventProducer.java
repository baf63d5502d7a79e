package io.beacon.broadcaster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.beacon.common.EventCodec;
import io.beacon.common.EventEnvelope;
import io.beacon.common.EventIds;
import io.beacon.common.RawJson;
import io.beacon.common.StateTransition;
import io.beacon.common.ValidationResult;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes events to a topic as a gateway would: keyed by agent, canonical envelopes,
 * {@code received_at} now. Every send is awaited.
 */
final class EventProducer implements AutoCloseable {

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

	private final EventCodec codec = new EventCodec();

	private final KafkaProducer<String, byte[]> producer;

	private final String topic;

	EventProducer(String bootstrapServers, String topic) {
		this.topic = topic;
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
				new ByteArraySerializer());
	}

	/** One event, acknowledged. */
	RecordMetadata send(String agentId, String status, long seq) {
		return sendAll(List.of(envelope(agentId, status, seq))).get(0);
	}

	/** Events in order, all acknowledged. */
	List<RecordMetadata> sendAll(List<EventEnvelope> envelopes) {
		List<Future<RecordMetadata>> sent = new ArrayList<>(envelopes.size());
		for (EventEnvelope envelope : envelopes) {
			sent.add(this.producer
				.send(new ProducerRecord<>(this.topic, envelope.agentId(), this.codec.writeEnvelope(envelope))));
		}
		List<RecordMetadata> acknowledged = new ArrayList<>(sent.size());
		for (Future<RecordMetadata> future : sent) {
			acknowledged.add(acknowledged(future));
		}
		return acknowledged;
	}

	/** A record value that is not an event. */
	void sendGarbage(String key) {
		acknowledged(this.producer
			.send(new ProducerRecord<>(this.topic, key, "{not an event".getBytes(StandardCharsets.UTF_8))));
	}

	private static RecordMetadata acknowledged(Future<RecordMetadata> sent) {
		try {
			return sent.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("send failed", ex);
		}
	}

	/**
	 * Metadata as the gateway would carry it.
	 * @param json a JSON object
	 * @return the metadata
	 */
	RawJson rawJson(String json) {
		String request = "{\"agent_id\":\"a\",\"status\":\"s\",\"timestamp\":\"2026-12-05T12:00:00Z\",\"metadata\":"
				+ json + "}";
		ValidationResult<StateTransition> read = this.codec.readEvent(request.getBytes(StandardCharsets.UTF_8));
		return ((ValidationResult.Valid<StateTransition>) read).value().metadata();
	}

	static EventEnvelope envelope(String agentId, String status, long seq) {
		return new EventEnvelope(EventIds.next(), agentId, status, Instant.parse("2026-12-05T12:00:00Z"), null, seq,
				Instant.now(), "test");
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
