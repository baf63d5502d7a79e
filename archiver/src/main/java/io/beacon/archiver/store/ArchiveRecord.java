package io.beacon.archiver.store;

import io.beacon.common.EventEnvelope;

/**
 * An event read from the topic, with where it was read.
 *
 * @param envelope the event
 * @param partition the partition it was read from
 * @param offset its offset there: the canonical order of one agent's events
 */
public record ArchiveRecord(EventEnvelope envelope, int partition, long offset) {

}
