package io.beacon.archiver.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The archive's read side. Every list is bounded by the caller's limit; the web layer
 * validates it.
 */
@Component
public class ArchiveQueries {

	private static final String EVENT_COLUMNS = "id, event_id, agent_id, status, timestamp, metadata, seq, "
			+ "received_at, archived_at, kafka_partition, kafka_offset";

	private static final String STATE_COLUMNS = "agent_id, status, timestamp, event_id, seq, kafka_partition, "
			+ "kafka_offset, event_count, updated_at";

	private final JdbcClient jdbc;

	private final RowMapper<ArchivedEvent> events;

	private final RowMapper<AgentState> states;

	ArchiveQueries(JdbcClient jdbc, Dialect dialect) {
		this.jdbc = jdbc;
		this.events = (row, number) -> new ArchivedEvent(row.getLong("id"), row.getString("event_id"),
				row.getString("agent_id"), row.getString("status"), dialect.getInstant(row, "timestamp"),
				row.getString("metadata"), nullableLong(row, "seq"), dialect.getInstant(row, "received_at"),
				dialect.getInstant(row, "archived_at"), row.getInt("kafka_partition"), row.getLong("kafka_offset"));
		this.states = (row, number) -> new AgentState(row.getString("agent_id"), row.getString("status"),
				dialect.getInstant(row, "timestamp"), row.getString("event_id"), nullableLong(row, "seq"),
				row.getInt("kafka_partition"), row.getLong("kafka_offset"), row.getLong("event_count"),
				dialect.getInstant(row, "updated_at"));
	}

	/**
	 * Agents by id.
	 * @param status only agents currently in this status, or null for all
	 * @param limit at most this many
	 * @param offset skipping this many
	 * @return the page and the total
	 */
	public Page<AgentState> agents(String status, int limit, long offset) {
		String where = (status != null) ? " WHERE status = :status" : "";
		long total = this.jdbc.sql("SELECT count(*) FROM agent_state" + where)
			.params(statusParam(status))
			.query(Long.class)
			.single();
		List<AgentState> page = this.jdbc
			.sql("SELECT " + STATE_COLUMNS + " FROM agent_state" + where
					+ " ORDER BY agent_id LIMIT :limit OFFSET :offset")
			.params(statusParam(status))
			.param("limit", limit)
			.param("offset", offset)
			.query(this.states)
			.list();
		return new Page<>(page, total);
	}

	public Optional<AgentState> agent(String agentId) {
		return this.jdbc.sql("SELECT " + STATE_COLUMNS + " FROM agent_state WHERE agent_id = :id")
			.param("id", agentId)
			.query(this.states)
			.optional();
	}

	/**
	 * One agent's events in their canonical order (partition offset order).
	 * @param agentId the agent
	 * @param limit at most this many
	 * @param offset skipping this many
	 * @return the events
	 */
	public List<ArchivedEvent> agentEvents(String agentId, int limit, long offset) {
		return this.jdbc
			.sql("SELECT " + EVENT_COLUMNS + " FROM agent_events WHERE agent_id = :id"
					+ " ORDER BY kafka_offset LIMIT :limit OFFSET :offset")
			.param("id", agentId)
			.param("limit", limit)
			.param("offset", offset)
			.query(this.events)
			.list();
	}

	/**
	 * Events in the order they were archived.
	 * @param sinceId only rows with a greater id
	 * @param limit at most this many
	 * @return the events
	 */
	public List<ArchivedEvent> events(long sinceId, int limit) {
		return this.jdbc
			.sql("SELECT " + EVENT_COLUMNS + " FROM agent_events WHERE id > :since ORDER BY id LIMIT :limit")
			.param("since", sinceId)
			.param("limit", limit)
			.query(this.events)
			.list();
	}

	public ArchiveStats stats() {
		long rows = this.jdbc.sql("SELECT count(*) FROM agent_events").query(Long.class).single();
		long lastId = this.jdbc.sql("SELECT coalesce(max(id), 0) FROM agent_events").query(Long.class).single();
		Map<String, Long> statuses = new LinkedHashMap<>();
		this.jdbc.sql("SELECT status, count(*) FROM agent_state GROUP BY status ORDER BY status")
			.query((ResultSet row) -> {
				statuses.put(row.getString(1), row.getLong(2));
			});
		long agents = statuses.values().stream().mapToLong(Long::longValue).sum();
		return new ArchiveStats(rows, agents, lastId, statuses);
	}

	private static Map<String, Object> statusParam(String status) {
		return (status != null) ? Map.of("status", status) : Map.of();
	}

	private static Long nullableLong(ResultSet row, String column) throws SQLException {
		long value = row.getLong(column);
		return row.wasNull() ? null : value;
	}

	/**
	 * A page of a list.
	 *
	 * @param <T> what is listed
	 * @param items the page
	 * @param total how many there are in all
	 */
	public record Page<T>(List<T> items, long total) {

	}

}
