package io.beacon.archiver.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.beacon.archiver.config.ArchiverProperties;
import io.beacon.archiver.store.ArchiveRecord;
import io.beacon.archiver.store.ArchiveWriter;
import io.beacon.archiver.store.WriteResult;
import io.beacon.common.EventCodec;
import io.beacon.common.EventEnvelope;
import io.beacon.common.InvalidEventException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * The archiver's Kafka adapter: one consumer on its own thread that buffers records and
 * flushes them at {@code batch-size} records or {@code flush-interval} after the oldest
 * one; each flush sends the poison records to the dead-letter topic, writes the events in
 * one database transaction, and only then commits the flushed offsets (without waiting,
 * but synchronously before a partition is revoked and on shutdown). A failed flush pauses
 * every partition (the lag grows, memory does not) and is retried with backoff until it
 * succeeds. On revocation and on shutdown the buffer is flushed first.
 */
@Component
class ArchiveConsumer implements SmartLifecycle, ConsumerRebalanceListener {

	private static final Logger logger = LoggerFactory.getLogger(ArchiveConsumer.class);

	private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private final ConsumerFactory<byte[], byte[]> consumerFactory;

	private final ArchiveWriter writer;

	private final DeadLetters deadLetters;

	private final ArchiverMetrics metrics;

	private final ArchiveHealth health;

	private final ArchiverProperties properties;

	private final EventCodec codec;

	private final PendingRecords pending;

	private final CountDownLatch finished = new CountDownLatch(1);

	private volatile boolean running;

	/** Set when the consumer loop failed unexpectedly: nothing more is written. */
	private boolean abandoned;

	private Thread thread;

	private Consumer<byte[], byte[]> consumer;

	/**
	 * The offsets flushed per partition, for the synchronous commit before a partition
	 * goes.
	 */
	private final Map<TopicPartition, OffsetAndMetadata> flushed = new HashMap<>();

	/** Failed flushes in a row; 0 while flushes succeed. */
	private int failedAttempts;

	private long nextAttemptAt;

	ArchiveConsumer(ConsumerFactory<byte[], byte[]> consumerFactory, ArchiveWriter writer, DeadLetters deadLetters,
			ArchiverMetrics metrics, ArchiveHealth health, ArchiverProperties properties, EventCodec codec) {
		this.consumerFactory = consumerFactory;
		this.writer = writer;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
		this.health = health;
		this.properties = properties;
		this.codec = codec;
		this.pending = new PendingRecords(properties.topic());
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::run, "archive-consumer");
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		try {
			if (!this.finished.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Archive consumer did not stop within {}; its uncommitted records will be read again",
						STOP_TIMEOUT);
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

	/**
	 * Stop before the web server and the data source go: the last flush needs the
	 * database.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	private void run() {
		try (Consumer<byte[], byte[]> consumer = this.consumerFactory.createConsumer()) {
			this.consumer = consumer;
			consumer.subscribe(List.of(this.properties.topic()), this);
			logger.info("Archiving {} in batches of {} or every {}", this.properties.topic(),
					this.properties.batchSize(), this.properties.flushInterval());
			try {
				while (this.running) {
					ConsumerRecords<byte[], byte[]> records = consumer.poll(this.properties.pollTimeout());
					buffer(records);
					flushWhenDue();
				}
				if (!this.pending.isEmpty()) {
					logger.info("Stopping: flushing {} buffered records", this.pending.size());
					flush();
				}
				commitFlushed(List.copyOf(this.flushed.keySet()));
				logger.info("Stopped: everything read is archived and its offsets committed");
			}
			catch (Throwable ex) {
				// closing the consumer revokes its partitions: after a failure nobody
				// understands, leave the buffer to be read again rather than flush it
				this.abandoned = true;
				throw ex;
			}
		}
		catch (Throwable ex) {
			logger.error("Archive consumer stopped; records not flushed will be read again after a restart", ex);
			this.health.stopped(ex);
		}
		finally {
			this.running = false;
			this.finished.countDown();
		}
	}

	private void buffer(ConsumerRecords<byte[], byte[]> records) {
		if (records.isEmpty()) {
			return;
		}
		long now = System.nanoTime();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			this.pending.add(decode(record, now));
		}
		this.metrics.buffered(this.pending.size());
		this.health.buffered(this.pending.size());
	}

	private Pending decode(ConsumerRecord<byte[], byte[]> record, long now) {
		try {
			EventEnvelope envelope = this.codec.readEnvelope(record.value());
			return Pending.event(new ArchiveRecord(envelope, record.partition(), record.offset()), now);
		}
		catch (InvalidEventException ex) {
			return Pending.poison(record.partition(), record.offset(), now, record.key(), record.value(),
					ex.getMessage());
		}
	}

	private void flushWhenDue() {
		if (this.pending.isEmpty()) {
			return;
		}
		long now = System.nanoTime();
		if (this.failedAttempts > 0) {
			if (now - this.nextAttemptAt >= 0) {
				flush();
			}
		}
		else if (now - this.pending.oldestReadAt() >= this.properties.flushInterval().toNanos()) {
			flush();
		}
		else if (this.pending.size() >= this.properties.batchSize()) {
			// full batches only: the rest waits for more records or for its interval
			flush(this.properties.batchSize());
		}
	}

	/**
	 * Flush everything buffered, one batch at a time.
	 * @return whether the buffer is empty now
	 */
	private boolean flush() {
		return flush(1);
	}

	/**
	 * Flush one batch at a time while at least {@code least} records are buffered.
	 * @return whether every batch flushed
	 */
	private boolean flush(int least) {
		while (this.pending.size() >= least && !this.pending.isEmpty()) {
			PendingRecords.Slice slice = this.pending.slice(this.properties.batchSize());
			long started = System.nanoTime();
			WriteResult result;
			int deadLettered;
			try {
				deadLettered = this.deadLetters.send(slice.poison());
				result = this.writer.write(slice.events());
			}
			catch (Exception ex) {
				flushFailed(ex);
				return false;
			}
			this.pending.removeFirst(slice.size());
			commit(slice.offsets());
			this.metrics.flushed(slice.size(), result, deadLettered, Duration.ofNanos(System.nanoTime() - started));
			if (result.duplicates() > 0) {
				logger.debug("{} records were archived already", result.duplicates());
			}
		}
		this.metrics.buffered(this.pending.size());
		this.health.flushed(this.pending.size());
		if (this.failedAttempts > 0) {
			logger.info("Archive writes again after {} failed attempts; resuming consumption", this.failedAttempts);
			this.failedAttempts = 0;
			this.consumer.resume(this.consumer.paused());
		}
		return true;
	}

	private void flushFailed(Exception ex) {
		this.failedAttempts++;
		Duration backoff = backoff(this.failedAttempts);
		this.nextAttemptAt = System.nanoTime() + backoff.toNanos();
		this.consumer.pause(this.consumer.assignment());
		this.metrics.flushFailed();
		this.health.flushFailed(ex, this.failedAttempts, this.pending.size());
		logger.warn("Archive flush of {} buffered records failed (attempt {}), consumption paused, retrying in {}: {}",
				this.pending.size(), this.failedAttempts, backoff, ex.toString());
	}

	private Duration backoff(int attempts) {
		Duration initial = this.properties.retryBackoffInitial();
		Duration max = this.properties.retryBackoffMax();
		int doublings = Math.min(attempts - 1, 30);
		Duration backoff = initial.multipliedBy(1L << doublings);
		return (backoff.compareTo(max) > 0 || backoff.isNegative()) ? max : backoff;
	}

	/**
	 * Commit a flushed slice's offsets without waiting: the next poll completes it. The
	 * rows are in the database whatever happens to the commit; a commit lost in a crash
	 * only means those records are read again and ignored as duplicates. A synchronous
	 * commit per batch cost 5 ms of every 30 on the bench.
	 */
	private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
		this.flushed.putAll(offsets);
		this.consumer.commitAsync(offsets, (committed, ex) -> {
			if (ex != null) {
				commitFailed(ex);
			}
			else {
				committed
					.forEach((partition, offset) -> this.metrics.committed(partition.partition(), offset.offset()));
			}
		});
	}

	/** Commit, and wait for, what was flushed in these partitions: before they go. */
	private void commitFlushed(Collection<TopicPartition> partitions) {
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		for (TopicPartition partition : partitions) {
			OffsetAndMetadata offset = this.flushed.remove(partition);
			if (offset != null) {
				offsets.put(partition, offset);
			}
		}
		if (offsets.isEmpty()) {
			return;
		}
		try {
			this.consumer.commitSync(offsets, COMMIT_TIMEOUT);
			offsets.forEach((partition, offset) -> this.metrics.committed(partition.partition(), offset.offset()));
		}
		catch (KafkaException ex) {
			commitFailed(ex);
		}
	}

	private void commitFailed(Exception ex) {
		// the rows are in the database: the records will be read again and ignored as
		// duplicates
		this.metrics.commitFailed();
		logger.warn("Offset commit failed after the rows were written; they will be replayed harmlessly: {}",
				ex.toString());
	}

	@Override
	public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
		this.metrics.assigned(this.consumer.assignment().size() - partitions.size());
		if (!this.pending.holdsAny(partitions)) {
			if (!this.abandoned) {
				commitFlushed(partitions);
			}
			return;
		}
		if (this.abandoned) {
			this.pending.drop(partitions);
			return;
		}
		boolean flushed = flush();
		commitFlushed(partitions);
		if (!flushed) {
			int dropped = this.pending.drop(partitions);
			logger.warn("Partitions {} revoked while the archive is failing: {} records left for their next owner",
					partitions, dropped);
			if (this.pending.isEmpty()) {
				// nothing left to retry: read again (partitions kept by a cooperative
				// rebalance too), and the next flush tries the database
				this.failedAttempts = 0;
				this.consumer.resume(this.consumer.paused());
			}
		}
	}

	@Override
	public void onPartitionsLost(Collection<TopicPartition> partitions) {
		this.metrics.assigned(this.consumer.assignment().size() - partitions.size());
		partitions.forEach(this.flushed::remove);
		int dropped = this.pending.drop(partitions);
		if (dropped > 0) {
			logger.warn("Partitions {} lost: {} unflushed records left for their next owner", partitions, dropped);
		}
	}

	@Override
	public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
		if (this.failedAttempts > 0) {
			this.consumer.pause(partitions);
		}
		this.metrics.assigned(this.consumer.assignment().size());
		logger.info("Assigned partitions {}", partitions);
	}

}
