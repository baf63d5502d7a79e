package io.beacon.bench.broadcast;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import io.beacon.common.EventCodec;
import io.beacon.common.EventEnvelope;
import io.beacon.common.EventIds;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes events straight to the topic at a fixed rate, open loop: the {@code n}-th event
 * of a phase is due {@code n / rate} seconds after its start, whatever the broker or the
 * broadcaster do meanwhile, and events that fell behind go at once. Each is what a
 * gateway writes (the canonical envelope, keyed by agent, {@code received_at} the moment
 * it is sent) for a random one of {@code agents} agents, with {@code seq} one counter
 * over the whole run: increasing per agent, and telling the clients which phase an event
 * was sent in.
 */
final class PacedProducer implements AutoCloseable {

	private static final String[] STATUSES = { "running", "waiting", "running", "completed", "idle" };

	/** Between checks of what is due: events go in bursts of a millisecond's worth. */
	private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private final KafkaProducer<String, byte[]> producer;

	private final EventCodec codec = new EventCodec();

	private final String topic;

	private final String[] agentIds;

	private final SplittableRandom random = new SplittableRandom(20261205);

	/** Indexes into {@link #agentIds}, one round's order. */
	private final int[] round;

	private int turn;

	private final LongAdder acknowledged = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

	private long nextSeq = 1;

	PacedProducer(String bootstrap, String topic, int agents) {
		this.topic = topic;
		this.agentIds = new String[agents];
		this.round = new int[agents];
		for (int i = 0; i < agents; i++) {
			this.agentIds[i] = String.format(Locale.ROOT, "agent-%05d", i + 1);
			this.round[i] = i;
		}
		this.turn = agents;
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5),
				new StringSerializer(), new ByteArraySerializer());
	}

	/** The {@code seq} the next event gets. */
	long nextSeq() {
		return this.nextSeq;
	}

	/**
	 * Send at {@code rate} for {@code duration}, then wait for every acknowledgement.
	 * @param rate events per second
	 * @param duration how long
	 * @return what went out
	 */
	Sent send(double rate, Duration duration) {
		long acknowledgedBefore = this.acknowledged.sum();
		long failedBefore = this.failed.sum();
		long sent = 0;
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		long now = start;
		while (now < end) {
			long due = (long) ((now - start) * rate / 1e9);
			while (sent < due) {
				sendOne();
				sent++;
			}
			LockSupport.parkNanos(TICK_NANOS);
			now = System.nanoTime();
		}
		long total = (long) (duration.toNanos() * rate / 1e9);
		while (sent < total) {
			sendOne();
			sent++;
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		this.producer.flush();
		return new Sent(sent, seconds, this.acknowledged.sum() - acknowledgedBefore, this.failed.sum() - failedBefore);
	}

	/** Why the broker refused a record first, or {@code null}. */
	Exception firstFailure() {
		return this.firstFailure.get();
	}

	private void sendOne() {
		long seq = this.nextSeq++;
		String agentId = this.agentIds[nextAgent()];
		Instant now = Instant.now();
		EventEnvelope envelope = new EventEnvelope(EventIds.next(), agentId, STATUSES[(int) (seq % STATUSES.length)],
				now, null, seq, now, "bench");
		this.producer.send(new ProducerRecord<>(this.topic, agentId, this.codec.writeEnvelope(envelope)),
				(metadata, ex) -> {
					if (ex == null) {
						this.acknowledged.increment();
					}
					else {
						this.failed.increment();
						this.firstFailure.compareAndSet(null, ex);
					}
				});
	}

	private int nextAgent() {
		if (this.turn == this.round.length) {
			// Fisher-Yates
			for (int i = this.round.length - 1; i > 0; i--) {
				int j = this.random.nextInt(i + 1);
				int swap = this.round[i];
				this.round[i] = this.round[j];
				this.round[j] = swap;
			}
			this.turn = 0;
		}
		return this.round[this.turn++];
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(10));
	}

	/**
	 * One phase's sending.
	 *
	 * @param events events handed to the producer
	 * @param seconds from the first to the end of the phase
	 * @param acknowledged of them, acknowledged by the broker
	 * @param failed of them, refused
	 */
	record Sent(long events, double seconds, long acknowledged, long failed) {

		double rate() {
			return this.events / this.seconds;
		}

	}

}
