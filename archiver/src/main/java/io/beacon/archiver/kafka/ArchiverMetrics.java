package io.beacon.archiver.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.beacon.archiver.store.WriteResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/** The archiver's meters, all under {@code beacon.archiver}. */
@Component
class ArchiverMetrics {

	private final MeterRegistry registry;

	private final Counter rowsWritten;

	private final Counter duplicatesIgnored;

	private final Counter inversions;

	private final Counter deadLetters;

	private final Counter flushFailures;

	private final Counter commitFailures;

	private final DistributionSummary batchSize;

	private final Timer flushDuration;

	private final AtomicInteger buffered = new AtomicInteger();

	private final AtomicInteger assigned = new AtomicInteger();

	private final Map<Integer, AtomicLong> committedOffsets = new ConcurrentHashMap<>();

	ArchiverMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.rowsWritten = Counter.builder("beacon.archiver.rows.written")
			.description("Events inserted into the archive")
			.register(registry);
		this.duplicatesIgnored = Counter.builder("beacon.archiver.duplicates.ignored")
			.description("Events already archived (replays, client retries), left as they were")
			.register(registry);
		this.inversions = Counter.builder("beacon.archiver.inversions")
			.description("Events archived with a lower seq than an earlier event of the same agent")
			.register(registry);
		this.deadLetters = Counter.builder("beacon.archiver.dead.letters")
			.description("Poison records sent to the dead-letter topic")
			.register(registry);
		this.flushFailures = Counter.builder("beacon.archiver.flush.failures")
			.description("Flushes that failed (database or dead-letter topic) and will be retried")
			.register(registry);
		this.commitFailures = Counter.builder("beacon.archiver.commit.failures")
			.description("Offset commits that failed after the rows were written (they will be replayed, harmlessly)")
			.register(registry);
		this.batchSize = DistributionSummary.builder("beacon.archiver.batch.size")
			.description("Records per flush")
			.baseUnit("records")
			.register(registry);
		this.flushDuration = Timer.builder("beacon.archiver.flush.duration")
			.description("Time to write one flush: dead letters, database transaction and offset commit")
			.publishPercentileHistogram()
			.register(registry);
		Gauge.builder("beacon.archiver.buffer.size", this.buffered, AtomicInteger::get)
			.description("Records read and not yet flushed")
			.baseUnit("records")
			.register(registry);
		Gauge.builder("beacon.archiver.partitions.assigned", this.assigned, AtomicInteger::get)
			.description("Partitions this archiver owns in its consumer group")
			.register(registry);
	}

	void assigned(int partitions) {
		this.assigned.set(partitions);
	}

	void flushed(int records, WriteResult result, int deadLettered, Duration took) {
		this.batchSize.record(records);
		this.rowsWritten.increment(result.written());
		this.duplicatesIgnored.increment(result.duplicates());
		this.inversions.increment(result.inversions());
		this.deadLetters.increment(deadLettered);
		this.flushDuration.record(took);
	}

	void flushFailed() {
		this.flushFailures.increment();
	}

	void commitFailed() {
		this.commitFailures.increment();
	}

	void buffered(int records) {
		this.buffered.set(records);
	}

	void committed(int partition, long nextOffset) {
		this.committedOffsets.computeIfAbsent(partition, (key) -> {
			AtomicLong offset = new AtomicLong(-1);
			Gauge.builder("beacon.archiver.committed.offset", offset, AtomicLong::get)
				.description("The last offset committed per partition (the next one to read)")
				.tag("partition", Integer.toString(key))
				.register(this.registry);
			return offset;
		}).set(nextOffset);
	}

}
