package io.beacon.archiver.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.beacon.common.EventEnvelope;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The write path alone, on a real SQLite file migrated by the real migrations. */
class JdbcArchiveWriterTest {

	private static final Instant NOW = Instant.parse("2026-12-04T12:00:00.123456789Z");

	@TempDir
	Path dir;

	private SQLiteDataSource dataSource;

	private JdbcArchiveWriter writer;

	private long offset;

	@BeforeEach
	void archive() {
		this.dataSource = new SQLiteDataSource();
		this.dataSource.setUrl("jdbc:sqlite:" + this.dir.resolve("archive.db"));
		Flyway.configure().dataSource(this.dataSource).locations("classpath:db/migration/sqlite").load().migrate();
		this.writer = new JdbcArchiveWriter(this.dataSource, Dialect.SQLITE, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void newEventsAreWrittenAndTheNewestBecomesTheState() throws SQLException {
		WriteResult result = this.writer.write(List.of(event("a", 1L), event("b", null), event("a", 2L)));

		assertThat(result).isEqualTo(new WriteResult(3, 0, 0));
		assertThat(query("SELECT agent_id || ':' || seq || ':' || event_count FROM agent_state WHERE agent_id = 'a'"))
			.containsExactly("a:2:2");
		assertThat(query("SELECT archived_at FROM agent_events LIMIT 1"))
			.containsExactly("2026-12-04T12:00:00.123456Z");
	}

	@Test
	void aReplayedBatchChangesNothing() throws SQLException {
		List<ArchiveRecord> batch = List.of(event("a", 1L), event("a", 2L));
		this.writer.write(batch);

		assertThat(this.writer.write(batch)).isEqualTo(new WriteResult(0, 2, 0));
		assertThat(query("SELECT event_count FROM agent_state")).containsExactly("2");
	}

	@Test
	void inversionsWithinABatchAndAgainstTheArchiveAreCountedAndNeverWin() throws SQLException {
		assertThat(this.writer.write(List.of(event("a", 5L), event("a", 3L)))).isEqualTo(new WriteResult(2, 0, 1));
		// every new event is below the archived 5: two inversions, state kept, count
		// grows
		assertThat(this.writer.write(List.of(event("a", 4L), event("a", 2L)))).isEqualTo(new WriteResult(2, 0, 2));
		assertThat(query("SELECT seq || ':' || event_count FROM agent_state")).containsExactly("5:4");
		// a newer seq wins again; an event without seq always moves the state on
		this.writer.write(List.of(event("a", 6L)));
		this.writer.write(List.of(event("a", null)));
		assertThat(query("SELECT coalesce(seq, 'null') || ':' || event_count FROM agent_state"))
			.containsExactly("null:6");
	}

	private ArchiveRecord event(String agent, Long seq) {
		long position = this.offset++;
		EventEnvelope envelope = new EventEnvelope("event-" + position, agent, "s" + position,
				Instant.parse("2026-12-04T11:00:00Z"), null, seq, Instant.parse("2026-12-04T11:00:01Z"), "g");
		return new ArchiveRecord(envelope, 0, position);
	}

	private List<String> query(String sql) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			List<String> values = new ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
	}

}
