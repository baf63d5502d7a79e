package io.beacon.gateway.kafka;

/**
 * Where the broker put an acknowledged record.
 *
 * @param partition the partition
 * @param offset the offset within it
 */
public record Receipt(int partition, long offset) {

}
