package io.beacon.archiver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.beacon.common.EventCodec;
import io.beacon.common.EventEnvelope;
import io.beacon.common.EventIds;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records to the topic as a gateway would (key = agent id, canonical envelope),
 * and poison records as nobody should.
 */
final class Events implements AutoCloseable {

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

	private static final EventCodec codec = new EventCodec();

	private final KafkaProducer<byte[], byte[]> producer;

	private final String topic;

	Events(String bootstrapServers, String topic) {
		this.topic = topic;
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(),
				new ByteArraySerializer());
	}

	static EventEnvelope envelope(String agentId, long seq) {
		return envelope(EventIds.next(), agentId, seq);
	}

	/** An envelope as a gateway writes it, metadata {@code {"step": seq}} included. */
	static EventEnvelope envelope(String eventId, String agentId, long seq) {
		Instant now = Instant.now();
		String json = "{\"event_id\":\"" + eventId + "\",\"agent_id\":\"" + agentId + "\",\"status\":\""
				+ ((seq % 2 == 0) ? "running" : "waiting") + "\",\"timestamp\":\"" + now + "\",\"metadata\":{\"step\":"
				+ seq + "},\"seq\":" + seq + ",\"received_at\":\"" + now + "\",\"gateway\":\"test\"}";
		return codec.readEnvelope(json.getBytes(StandardCharsets.UTF_8));
	}

	/** {@code agents} agents with {@code perAgent} events each, seq 0.., interleaved. */
	static List<EventEnvelope> interleaved(int agents, int perAgent) {
		List<EventEnvelope> events = new ArrayList<>(agents * perAgent);
		for (int seq = 0; seq < perAgent; seq++) {
			for (int agent = 0; agent < agents; agent++) {
				events.add(envelope("agent-" + agent, seq));
			}
		}
		return events;
	}

	void send(List<EventEnvelope> envelopes) {
		List<Future<RecordMetadata>> sends = new ArrayList<>(envelopes.size());
		for (EventEnvelope envelope : envelopes) {
			sends.add(this.producer.send(new ProducerRecord<>(this.topic,
					envelope.agentId().getBytes(StandardCharsets.UTF_8), codec.writeEnvelope(envelope))));
		}
		awaitAll(sends);
	}

	void sendRaw(String key, byte[] value) {
		awaitAll(List.of(this.producer.send(
				new ProducerRecord<>(this.topic, (key != null) ? key.getBytes(StandardCharsets.UTF_8) : null, value))));
	}

	private static void awaitAll(List<Future<RecordMetadata>> sends) {
		try {
			for (Future<RecordMetadata> send : sends) {
				send.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("the test broker did not take the records", ex);
		}
	}

	static String randomId() {
		return UUID.randomUUID().toString();
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
