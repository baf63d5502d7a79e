package io.beacon.archiver.kafka;

import io.beacon.archiver.store.ArchiveRecord;

/**
 * A record read and not yet flushed: an event for the archive, or a poison record for the
 * dead-letter topic.
 */
final class Pending {

	final int partition;

	final long offset;

	/** When it was read, in {@link System#nanoTime()} terms. */
	final long readAt;

	/** The event, or null for a poison record. */
	final ArchiveRecord event;

	/** The poison record's key and value as read; null for an event. */
	final byte[] key;

	final byte[] value;

	/** Why the record is poison; null for an event. */
	final String error;

	/**
	 * Set once the broker acknowledged the dead letter, so a retried flush sends it once.
	 */
	boolean deadLettered;

	private Pending(int partition, long offset, long readAt, ArchiveRecord event, byte[] key, byte[] value,
			String error) {
		this.partition = partition;
		this.offset = offset;
		this.readAt = readAt;
		this.event = event;
		this.key = key;
		this.value = value;
		this.error = error;
	}

	static Pending event(ArchiveRecord event, long readAt) {
		return new Pending(event.partition(), event.offset(), readAt, event, null, null, null);
	}

	static Pending poison(int partition, long offset, long readAt, byte[] key, byte[] value, String error) {
		return new Pending(partition, offset, readAt, null, key, value, error);
	}

	boolean isPoison() {
		return this.event == null;
	}

}
