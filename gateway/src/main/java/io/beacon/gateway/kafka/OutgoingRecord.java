package io.beacon.gateway.kafka;

/**
 * One record to produce: the key decides the partition.
 *
 * @param key the record key (the agent id)
 * @param value the serialized envelope
 */
public record OutgoingRecord(String key, byte[] value) {

}
