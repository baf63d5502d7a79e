package io.beacon.archiver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.beacon.common.EventEnvelope;

import org.springframework.stereotype.Component;

/**
 * The archive's write path, in plain JDBC: multi-row {@code INSERT … ON CONFLICT DO
 * NOTHING RETURNING} for the events (one statement per {@value #ROWS_PER_STATEMENT} rows,
 * which both databases parse once and write in one pass), then the current state of each
 * agent the batch touched, all in one transaction.
 */
@Component
class JdbcArchiveWriter implements ArchiveWriter {

	/**
	 * Rows per insert statement: 11 parameters each keeps a statement far below both
	 * databases' parameter limits (SQLite 32,766; PostgreSQL 65,535).
	 */
	static final int ROWS_PER_STATEMENT = 100;

	private static final String INSERT_EVENTS = "INSERT INTO agent_events (event_id, agent_id, status, timestamp, "
			+ "metadata, seq, received_at, archived_at, kafka_partition, kafka_offset) VALUES ";

	private static final String EVENT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String INSERTED = " ON CONFLICT DO NOTHING RETURNING kafka_partition, kafka_offset";

	private static final String UPSERT_STATE = "INSERT INTO agent_state (agent_id, status, timestamp, event_id, seq, "
			+ "kafka_partition, kafka_offset, event_count, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
			+ "ON CONFLICT (agent_id) DO UPDATE SET status = excluded.status, timestamp = excluded.timestamp, "
			+ "event_id = excluded.event_id, seq = excluded.seq, kafka_partition = excluded.kafka_partition, "
			+ "kafka_offset = excluded.kafka_offset, event_count = agent_state.event_count + excluded.event_count, "
			+ "updated_at = excluded.updated_at";

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
		Set<Position> inserted = new HashSet<>(records.size() * 2);
		for (int from = 0; from < records.size(); from += ROWS_PER_STATEMENT) {
			List<ArchiveRecord> rows = records.subList(from, Math.min(records.size(), from + ROWS_PER_STATEMENT));
			try (PreparedStatement insert = connection.prepareStatement(insertSql(rows.size()))) {
				int index = 1;
				for (ArchiveRecord row : rows) {
					index = bindEvent(insert, index, row, now);
				}
				try (ResultSet result = insert.executeQuery()) {
					while (result.next()) {
						inserted.add(new Position(result.getInt(1), result.getLong(2)));
					}
				}
			}
		}
		if (inserted.size() == records.size()) {
			return records;
		}
		List<ArchiveRecord> fresh = new ArrayList<>(inserted.size());
		for (ArchiveRecord record : records) {
			if (inserted.contains(new Position(record.partition(), record.offset()))) {
				fresh.add(record);
			}
		}
		return fresh;
	}

	private static String insertSql(int rows) {
		StringBuilder sql = new StringBuilder(INSERT_EVENTS.length() + rows * (EVENT_ROW.length() + 2) + 64)
			.append(INSERT_EVENTS);
		for (int i = 0; i < rows; i++) {
			sql.append((i > 0) ? ", " : "").append(EVENT_ROW);
		}
		return sql.append(INSERTED).toString();
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
	 * Move each agent's current state to its newest event, unless that event's
	 * {@code seq} is lower than one already seen for the agent.
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
		Map<String, Long> storedSeqs = storedSeqs(connection, agents.keySet());
		int inversions = 0;
		try (PreparedStatement upsert = connection.prepareStatement(UPSERT_STATE);
				PreparedStatement countOnly = connection.prepareStatement(COUNT_ONLY)) {
			boolean upserts = false;
			boolean countOnlys = false;
			for (Map.Entry<String, AgentBatch> agent : agents.entrySet()) {
				AgentBatch batch = agent.getValue();
				inversions += batch.pickNewest(storedSeqs.get(agent.getKey()));
				if (batch.newest != null) {
					bindState(upsert, batch.newest, batch.events.size(), now);
					upsert.addBatch();
					upserts = true;
				}
				else {
					countOnly.setLong(1, batch.events.size());
					this.dialect.setInstant(countOnly, 2, now);
					countOnly.setString(3, agent.getKey());
					countOnly.addBatch();
					countOnlys = true;
				}
			}
			if (upserts) {
				upsert.executeBatch();
			}
			if (countOnlys) {
				countOnly.executeBatch();
			}
		}
		return inversions;
	}

	private Map<String, Long> storedSeqs(Connection connection, Set<String> agentIds) throws SQLException {
		Map<String, Long> seqs = new HashMap<>(agentIds.size() * 2);
		List<String> ids = new ArrayList<>(agentIds);
		for (int from = 0; from < ids.size(); from += ROWS_PER_STATEMENT * 5) {
			List<String> chunk = ids.subList(from, Math.min(ids.size(), from + ROWS_PER_STATEMENT * 5));
			StringBuilder sql = new StringBuilder("SELECT agent_id, seq FROM agent_state WHERE agent_id IN (");
			for (int i = 0; i < chunk.size(); i++) {
				sql.append((i > 0) ? ", ?" : "?");
			}
			try (PreparedStatement select = connection.prepareStatement(sql.append(')').toString())) {
				for (int i = 0; i < chunk.size(); i++) {
					select.setString(i + 1, chunk.get(i));
				}
				try (ResultSet row = select.executeQuery()) {
					while (row.next()) {
						long seq = row.getLong(2);
						seqs.put(row.getString(1), row.wasNull() ? null : seq);
					}
				}
			}
		}
		return seqs;
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

	private record Position(int partition, long offset) {

	}

	/** One agent's new events in a batch, in offset order. */
	private static final class AgentBatch {

		private final List<ArchiveRecord> events = new ArrayList<>(4);

		/**
		 * The event that becomes the agent's state, or null when the stored one stays.
		 */
		private ArchiveRecord newest;

		/**
		 * Choose the newest event whose {@code seq} is not below one seen before it.
		 * @param storedSeq the agent's archived {@code seq}, or null when none
		 * @return the events that were inversions
		 */
		int pickNewest(Long storedSeq) {
			Long highest = storedSeq;
			int inversions = 0;
			for (ArchiveRecord event : this.events) {
				Long seq = event.envelope().seq();
				if (seq != null && highest != null && seq < highest) {
					inversions++;
					continue;
				}
				this.newest = event;
				if (seq != null) {
					highest = seq;
				}
			}
			return inversions;
		}

	}

}
