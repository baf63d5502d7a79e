package io.beacon.archiver.store;

/**
 * What one flush did to the archive.
 *
 * @param written rows inserted
 * @param duplicates records whose event id or partition and offset were already archived
 * (a replay after a crash, or a client's retry), left as they were
 * @param inversions events archived with a lower {@code seq} than an event of the same
 * agent archived before them; they did not become the agent's current state
 */
public record WriteResult(int written, int duplicates, int inversions) {

}
