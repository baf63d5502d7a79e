package io.beacon.archiver.kafka;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.beacon.archiver.store.ArchiveRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The archiver's buffer: records in the order they were read, flushed from the front in
 * slices of at most one batch. Only the consumer thread touches it.
 */
final class PendingRecords {

	private final String topic;

	private final ArrayDeque<Pending> records = new ArrayDeque<>();

	PendingRecords(String topic) {
		this.topic = topic;
	}

	void add(Pending record) {
		this.records.addLast(record);
	}

	int size() {
		return this.records.size();
	}

	boolean isEmpty() {
		return this.records.isEmpty();
	}

	/** When the oldest buffered record was read, in {@link System#nanoTime()} terms. */
	long oldestReadAt() {
		return this.records.getFirst().readAt;
	}

	/** The first {@code max} records, as one flush. */
	Slice slice(int max) {
		int size = Math.min(max, this.records.size());
		List<ArchiveRecord> events = new ArrayList<>(size);
		List<Pending> poison = new ArrayList<>(0);
		Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
		Map<Integer, Long> lastOffsets = new HashMap<>();
		Iterator<Pending> iterator = this.records.iterator();
		for (int i = 0; i < size; i++) {
			Pending record = iterator.next();
			if (record.isPoison()) {
				poison.add(record);
			}
			else {
				events.add(record.event);
			}
			lastOffsets.merge(record.partition, record.offset, Math::max);
		}
		lastOffsets.forEach((partition, offset) -> next.put(new TopicPartition(this.topic, partition),
				new OffsetAndMetadata(offset + 1)));
		return new Slice(size, events, poison, next);
	}

	/** Forget the first {@code count} records, flushed. */
	void removeFirst(int count) {
		for (int i = 0; i < count; i++) {
			this.records.removeFirst();
		}
	}

	/**
	 * Forget the records of partitions this consumer no longer owns: their new owner
	 * reads them again from the last committed offset.
	 * @return how many were dropped
	 */
	int drop(Collection<TopicPartition> partitions) {
		Set<Integer> gone = new HashSet<>();
		for (TopicPartition partition : partitions) {
			gone.add(partition.partition());
		}
		int before = this.records.size();
		this.records.removeIf((record) -> gone.contains(record.partition));
		return before - this.records.size();
	}

	boolean holdsAny(Collection<TopicPartition> partitions) {
		for (TopicPartition partition : partitions) {
			for (Pending record : this.records) {
				if (record.partition == partition.partition()) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * One flush: the events for the database, the poison records for the dead-letter
	 * topic, and the offsets to commit once both are done.
	 */
	record Slice(int size, List<ArchiveRecord> events, List<Pending> poison,
			Map<TopicPartition, OffsetAndMetadata> offsets) {

	}

}
