package io.beacon.archiver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.beacon.common.EventEnvelope;

import org.springframework.stereotype.Component;

/**
 * The archive's write path, in plain JDBC, one transaction per batch: the events with one
 * prepared {@code INSERT … ON CONFLICT DO NOTHING} run as a JDBC batch (its per-row
 * counts say which events were new), then one guarded upsert per agent the batch touched.
 * Measured on SQLite, a JDBC batch of single-row inserts beats multi-row
 * {@code INSERT … VALUES (…), (…)} statements (57k vs 49k rows/s on the bare ceiling).
 */
@Component
class JdbcArchiveWriter implements ArchiveWriter {

	private static final String INSERT_EVENT = "INSERT INTO agent_events (event_id, agent_id, status, timestamp, "
			+ "metadata, seq, received_at, archived_at, kafka_partition, kafka_offset) "
			+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

	/**
	 * The agent's new state, unless the archive already holds a higher {@code seq} for it
	 * (then nothing changes and the count is 0).
	 */
	private static final String UPSERT_STATE = "INSERT INTO agent_state (agent_id, status, timestamp, event_id, seq, "
			+ "kafka_partition, kafka_offset, event_count, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
			+ "ON CONFLICT (agent_id) DO UPDATE SET status = excluded.status, timestamp = excluded.timestamp, "
			+ "event_id = excluded.event_id, seq = excluded.seq, kafka_partition = excluded.kafka_partition, "
			+ "kafka_offset = excluded.kafka_offset, event_count = agent_state.event_count + excluded.event_count, "
			+ "updated_at = excluded.updated_at "
			+ "WHERE excluded.seq IS NULL OR agent_state.seq IS NULL OR excluded.seq >= agent_state.seq";

	private static final String COUNT_ONLY = "UPDATE agent_state SET event_count = event_count + ?, updated_at = ? "
			+ "WHERE agent_id = ?";

	private final DataSource dataSource;

	private final Dialect dialect;

	private final Clock clock;

	JdbcArchiveWriter(DataSource dataSource, Dialect dialect, Clock clock) {
		this.dataSource = dataSource;
		this.dialect = dialect;
		this.clock = clock;
	}

	@Override
	public WriteResult write(List<ArchiveRecord> records) throws SQLException {
		if (records.isEmpty()) {
			return new WriteResult(0, 0, 0);
		}
		Instant now = this.clock.instant().truncatedTo(Dialect.PRECISION);
		try (Connection connection = this.dataSource.getConnection()) {
			try {
				connection.setAutoCommit(false);
				List<ArchiveRecord> inserted = insertEvents(connection, records, now);
				int inversions = updateAgents(connection, inserted, now);
				connection.commit();
				return new WriteResult(inserted.size(), records.size() - inserted.size(), inversions);
			}
			catch (SQLException | RuntimeException ex) {
				rollback(connection, ex);
				discard(connection);
				throw ex;
			}
			catch (AssertionError ex) {
				// PostgreSQL's driver throws this from executeBatch when the server goes
				// away mid-batch: a database failure like any other, to be retried
				SQLException failure = new SQLException("the database connection failed during the batch", ex);
				rollback(connection, failure);
				discard(connection);
				throw failure;
			}
		}
	}

	/**
	 * Keep a connection whose state is unknown out of the pool. SQLite's driver, for one,
	 * marks a connection transactional before its {@code BEGIN} has succeeded: after a
	 * busy database the next batch would run without a transaction.
	 */
	private void discard(Connection connection) {
		if (this.dataSource instanceof HikariDataSource pool) {
			pool.evictConnection(connection);
		}
	}

	/** The records that were new to the archive, in the order given. */
	private List<ArchiveRecord> insertEvents(Connection connection, List<ArchiveRecord> records, Instant now)
			throws SQLException {
		int[] counts;
		try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
			for (ArchiveRecord record : records) {
				bindEvent(insert, 1, record, now);
				insert.addBatch();
			}
			counts = insert.executeBatch();
		}
		List<ArchiveRecord> fresh = new ArrayList<>(records.size());
		for (int i = 0; i < records.size(); i++) {
			if (counts[i] == Statement.SUCCESS_NO_INFO) {
				// without per-row counts, replays would be counted as new events
				throw new SQLException("the JDBC driver does not report which rows it inserted (for PostgreSQL, "
						+ "remove reWriteBatchedInserts from BEACON_DB_URL)");
			}
			if (counts[i] > 0) {
				fresh.add(records.get(i));
			}
		}
		return fresh;
	}

	private int bindEvent(PreparedStatement insert, int first, ArchiveRecord record, Instant now) throws SQLException {
		EventEnvelope event = record.envelope();
		int index = first;
		insert.setString(index++, event.eventId());
		insert.setString(index++, event.agentId());
		insert.setString(index++, event.status());
		this.dialect.setInstant(insert, index++, event.timestamp());
		if (event.metadata() != null) {
			insert.setString(index++, event.metadata().toString());
		}
		else {
			insert.setNull(index++, Types.VARCHAR);
		}
		setSeq(insert, index++, event.seq());
		this.dialect.setInstant(insert, index++, event.receivedAt());
		this.dialect.setInstant(insert, index++, now);
		insert.setInt(index++, record.partition());
		insert.setLong(index++, record.offset());
		return index;
	}

	/**
	 * Move each agent's current state to its newest new event, unless that event's
	 * {@code seq} is lower than one seen before it, in the batch or in the archive.
	 * @return the inversions found
	 */
	private int updateAgents(Connection connection, List<ArchiveRecord> inserted, Instant now) throws SQLException {
		if (inserted.isEmpty()) {
			return 0;
		}
		Map<String, AgentBatch> agents = new LinkedHashMap<>();
		for (ArchiveRecord record : inserted) {
			agents.computeIfAbsent(record.envelope().agentId(), (id) -> new AgentBatch()).events.add(record);
		}
		List<AgentBatch> batches = new ArrayList<>(agents.values());
		int inversions = 0;
		int[] counts;
		try (PreparedStatement upsert = connection.prepareStatement(UPSERT_STATE)) {
			for (AgentBatch batch : batches) {
				inversions += batch.pickNewest();
				bindState(upsert, batch.newest, batch.events.size(), now);
				upsert.addBatch();
			}
			counts = upsert.executeBatch();
		}
		List<AgentBatch> behind = new ArrayList<>(0);
		for (int i = 0; i < counts.length; i++) {
			if (counts[i] == 0) {
				behind.add(batches.get(i));
			}
		}
		return inversions + countOnly(connection, behind, now);
	}

	/**
	 * The agents whose archived {@code seq} is higher than anything in the batch: their
	 * state stays, their count grows, and each of their events is an inversion.
	 * @return the inversions beyond those counted within the batch
	 */
	private int countOnly(Connection connection, List<AgentBatch> behind, Instant now) throws SQLException {
		if (behind.isEmpty()) {
			return 0;
		}
		int inversions = 0;
		try (PreparedStatement countOnly = connection.prepareStatement(COUNT_ONLY)) {
			for (AgentBatch batch : behind) {
				inversions += batch.withSeq - batch.inversions;
				countOnly.setLong(1, batch.events.size());
				this.dialect.setInstant(countOnly, 2, now);
				countOnly.setString(3, batch.newest.envelope().agentId());
				countOnly.addBatch();
			}
			countOnly.executeBatch();
		}
		return inversions;
	}

	private void bindState(PreparedStatement upsert, ArchiveRecord newest, int newEvents, Instant now)
			throws SQLException {
		EventEnvelope event = newest.envelope();
		upsert.setString(1, event.agentId());
		upsert.setString(2, event.status());
		this.dialect.setInstant(upsert, 3, event.timestamp());
		upsert.setString(4, event.eventId());
		setSeq(upsert, 5, event.seq());
		upsert.setInt(6, newest.partition());
		upsert.setLong(7, newest.offset());
		upsert.setLong(8, newEvents);
		this.dialect.setInstant(upsert, 9, now);
	}

	private static void setSeq(PreparedStatement statement, int index, Long seq) throws SQLException {
		if (seq != null) {
			statement.setLong(index, seq);
		}
		else {
			statement.setNull(index, Types.BIGINT);
		}
	}

	private static void rollback(Connection connection, Exception cause) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			cause.addSuppressed(ex);
		}
	}

	/** One agent's new events in a batch, in offset order. */
	private static final class AgentBatch {

		private final List<ArchiveRecord> events = new ArrayList<>(4);

		/**
		 * The event that becomes the agent's state, unless the archive holds a higher
		 * seq.
		 */
		private ArchiveRecord newest;

		/** Events with a {@code seq}. */
		private int withSeq;

		/** Events whose {@code seq} is lower than an earlier one's in the batch. */
		private int inversions;

		/**
		 * Choose the newest event whose {@code seq} is not below one before it.
		 * @return the inversions within the batch
		 */
		int pickNewest() {
			Long highest = null;
			for (ArchiveRecord event : this.events) {
				Long seq = event.envelope().seq();
				if (seq != null) {
					this.withSeq++;
					if (highest != null && seq < highest) {
						this.inversions++;
						continue;
					}
					highest = seq;
				}
				this.newest = event;
			}
			return this.inversions;
		}

	}

}
