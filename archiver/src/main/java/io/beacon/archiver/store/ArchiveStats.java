package io.beacon.archiver.store;

import java.util.Map;

/**
 * The archive in figures.
 *
 * @param rows events archived
 * @param agents agents seen
 * @param lastId the id of the newest row, 0 when empty
 * @param statuses agents per current status
 */
public record ArchiveStats(long rows, long agents, long lastId, Map<String, Long> statuses) {

}
