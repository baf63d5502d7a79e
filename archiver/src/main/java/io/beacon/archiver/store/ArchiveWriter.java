package io.beacon.archiver.store;

import java.sql.SQLException;
import java.util.List;

/**
 * Writes a batch of events to the archive in one transaction: every event once, and each
 * agent's current state.
 */
public interface ArchiveWriter {

	/**
	 * Write a batch; when this returns, the transaction is committed.
	 * @param records the events, in the order they were read (per partition, offset
	 * order)
	 * @return what was written
	 * @throws SQLException when the database refused or failed; nothing was written
	 */
	WriteResult write(List<ArchiveRecord> records) throws SQLException;

}
