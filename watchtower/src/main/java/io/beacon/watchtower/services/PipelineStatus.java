package io.beacon.watchtower.services;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.beacon.watchtower.kafka.KafkaState;

/**
 * What one poll found, as {@code GET /status} shows it.
 *
 * @param status {@code up}, {@code down} or {@code degraded}, by {@link OverallRule}
 * @param reasons why it is not {@code up}
 * @param checkedAt when the poll ended
 * @param services every service checked
 * @param kafka the broker, the topic and the consumer lag
 * @param consumerLag per group: total lag
 * @param eventsInPerSecond records written to the topic per second since the last poll
 * @param archivedPerSecond records the first group committed per second since the last
 * poll
 */
public record PipelineStatus(String status, List<String> reasons, Instant checkedAt, List<ServiceCheck> services,
		KafkaState kafka, Map<String, Long> consumerLag, Double eventsInPerSecond, Double archivedPerSecond) {

}
