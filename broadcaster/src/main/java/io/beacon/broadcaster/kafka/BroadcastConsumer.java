package io.beacon.broadcaster.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.beacon.broadcaster.config.BroadcasterProperties;
import io.beacon.broadcaster.stream.EventJson;
import io.beacon.broadcaster.stream.Hub;
import io.beacon.broadcaster.stream.LiveEvent;
import io.beacon.broadcaster.stream.StreamMetrics;
import io.beacon.common.EventCodec;
import io.beacon.common.EventEnvelope;
import io.beacon.common.InvalidEventException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * The broadcaster's Kafka adapter: one consumer on its own thread, assigned every
 * partition of the topic (no consumer group, nothing committed), starting at the end.
 * Each poll's events go to the {@link Hub} as one batch. Partitions added to the topic
 * later are picked up from their beginning.
 */
@Component
class BroadcastConsumer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(BroadcastConsumer.class);

	private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final ConsumerFactory<byte[], byte[]> consumerFactory;

	private final Hub hub;

	private final EventCodec codec;

	private final StreamMetrics metrics;

	private final BroadcasterProperties properties;

	private final ConsumerState state;

	private final CountDownLatch finished = new CountDownLatch(1);

	private volatile boolean running;

	private volatile Consumer<byte[], byte[]> consumer;

	private Thread thread;

	private long nextAssignmentCheck;

	BroadcastConsumer(ConsumerFactory<byte[], byte[]> consumerFactory, Hub hub, EventCodec codec, StreamMetrics metrics,
			BroadcasterProperties properties, ConsumerState state) {
		this.consumerFactory = consumerFactory;
		this.hub = hub;
		this.codec = codec;
		this.metrics = metrics;
		this.properties = properties;
		this.state = state;
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::run, "broadcast-consumer");
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Consumer<byte[], byte[]> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		try {
			if (!this.finished.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Broadcast consumer did not stop within {}", STOP_TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		try (Consumer<byte[], byte[]> created = this.consumerFactory.createConsumer()) {
			this.consumer = created;
			this.state.watch(created.metrics());
			logger.info("Broadcasting {} from its end", this.properties.topic());
			while (this.running) {
				if (System.nanoTime() - this.nextAssignmentCheck >= 0) {
					checkAssignment(created);
				}
				if (created.assignment().isEmpty()) {
					sleepUntilNextCheck();
					continue;
				}
				ConsumerRecords<byte[], byte[]> records = created.poll(this.properties.pollTimeout());
				if (!records.isEmpty()) {
					this.hub.publish(decode(records));
				}
			}
		}
		catch (WakeupException ex) {
			// stop() woke the consumer
		}
		catch (Throwable ex) {
			logger.error("Broadcast consumer stopped: no more events reach clients", ex);
			this.state.stopped(ex);
		}
		finally {
			this.running = false;
			this.finished.countDown();
		}
	}

	/**
	 * Assign every partition of the topic: the ones already assigned keep their position,
	 * the first ones start at the end, later ones at their beginning.
	 */
	private void checkAssignment(Consumer<byte[], byte[]> consumer) {
		Set<TopicPartition> current = consumer.assignment();
		try {
			List<PartitionInfo> partitions = consumer.partitionsFor(this.properties.topic(), METADATA_TIMEOUT);
			Set<TopicPartition> all = new HashSet<>();
			for (PartitionInfo partition : partitions) {
				all.add(new TopicPartition(partition.topic(), partition.partition()));
			}
			if (!all.isEmpty() && !all.equals(current)) {
				Set<TopicPartition> added = new HashSet<>(all);
				added.removeAll(current);
				consumer.assign(all);
				if (current.isEmpty()) {
					consumer.seekToEnd(added);
				}
				else {
					consumer.seekToBeginning(added);
				}
				logger.info("Reading {} partitions of {}", all.size(), this.properties.topic());
			}
			this.state.assigned(all.size());
			if (all.isEmpty()) {
				this.state.topicMissing(this.properties.topic());
			}
		}
		catch (KafkaException ex) {
			// once assigned, the consumer's open connections tell whether the broker
			// answers
			if (current.isEmpty()) {
				this.state.unreachable(ex);
			}
		}
		this.nextAssignmentCheck = System.nanoTime()
				+ (consumer.assignment().isEmpty() ? METADATA_TIMEOUT : this.properties.assignmentRefresh()).toNanos();
	}

	private void sleepUntilNextCheck() throws InterruptedException {
		long wait = this.nextAssignmentCheck - System.nanoTime();
		if (wait > 0) {
			TimeUnit.NANOSECONDS.sleep(Math.min(wait, this.properties.pollTimeout().toNanos()));
		}
	}

	private List<LiveEvent> decode(ConsumerRecords<byte[], byte[]> records) {
		List<LiveEvent> events = new ArrayList<>(records.count());
		for (ConsumerRecord<byte[], byte[]> record : records) {
			try {
				EventEnvelope envelope = this.codec.readEnvelope(record.value());
				// the value is a valid envelope: it goes out as it is, with no second
				// encoding
				events.add(EventJson.liveEvent(envelope, record.value(), record.partition(), record.offset()));
			}
			catch (InvalidEventException ex) {
				this.metrics.invalidRecord();
				logger.debug("Skipping record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
						ex.getMessage());
			}
		}
		return events;
	}

}
