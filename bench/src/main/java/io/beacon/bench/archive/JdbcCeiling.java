package io.beacon.bench.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.beacon.bench.Arguments;
import io.beacon.common.EventEnvelope;

/**
 * The database ceiling: the benchmark's rows inserted into the archive's own schema (its
 * migration file) with a bare prepared statement, {@code executeBatch} and a commit every
 * {@code batch} rows, nothing else — no Kafka, no conflict clause, no agent state.
 * {@code db-ceiling --url=jdbc:sqlite:/tmp/c.db --schema=archiver/.../V1__archive.sql --rows=1000000}.
 * SQLite gets the archiver's pragmas (WAL, {@code synchronous=NORMAL}). Prints one
 * {@code BENCH} line.
 */
final class JdbcCeiling {

	private static final String INSERT = "INSERT INTO agent_events (event_id, agent_id, status, timestamp, metadata, "
			+ "seq, received_at, archived_at, kafka_partition, kafka_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String CONFLICT = " ON CONFLICT DO NOTHING";

	/** As the archiver writes each agent's state, once per batch. */
	private static final String UPSERT_STATE = "INSERT INTO agent_state (agent_id, status, timestamp, event_id, seq, "
			+ "kafka_partition, kafka_offset, event_count, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
			+ "ON CONFLICT (agent_id) DO UPDATE SET status = excluded.status, timestamp = excluded.timestamp, "
			+ "event_id = excluded.event_id, seq = excluded.seq, kafka_partition = excluded.kafka_partition, "
			+ "kafka_offset = excluded.kafka_offset, event_count = agent_state.event_count + excluded.event_count, "
			+ "updated_at = excluded.updated_at "
			+ "WHERE excluded.seq IS NULL OR agent_state.seq IS NULL OR excluded.seq >= agent_state.seq";

	private static final DateTimeFormatter SQLITE_INSTANT = DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final int PARTITIONS = 12;

	private JdbcCeiling() {
	}

	static void run(Arguments arguments) throws Exception {
		String url = arguments.require("url");
		Path schema = Path.of(arguments.require("schema"));
		int rows = (int) arguments.getLong("rows", 1_000_000);
		int batch = (int) arguments.getLong("batch", 500);
		String scenario = arguments.get("scenario", "db-ceiling");
		boolean sqlite = url.startsWith("jdbc:sqlite:");

		List<EventEnvelope> events = new ArrayList<>(rows);
		BenchEvents generator = new BenchEvents((int) arguments.getLong("agents", 10_000));
		for (int i = 0; i < rows; i++) {
			events.add(generator.next());
		}
		long[] offsets = new long[PARTITIONS];

		try (Connection connection = DriverManager.getConnection(url, properties(arguments, sqlite))) {
			createSchema(connection, schema);
			for (String pragma : arguments.get("pragmas", "").split(",")) {
				if (!pragma.isBlank()) {
					try (Statement statement = connection.createStatement()) {
						statement.execute("PRAGMA " + pragma.strip());
					}
				}
			}
			connection.setAutoCommit(false);
			long started = System.nanoTime();
			boolean withState = arguments.get("with-state", "false").equals("true");
			Map<String, EventEnvelope> latest = new LinkedHashMap<>();
			try (PreparedStatement insert = connection.prepareStatement(withState ? INSERT + CONFLICT : INSERT);
					PreparedStatement upsert = connection.prepareStatement(UPSERT_STATE)) {
				for (int i = 0; i < rows; i++) {
					EventEnvelope event = events.get(i);
					int partition = Math.floorMod(event.agentId().hashCode(), PARTITIONS);
					Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
					insert.setString(1, event.eventId());
					insert.setString(2, event.agentId());
					insert.setString(3, event.status());
					setInstant(insert, 4, event.timestamp(), sqlite);
					insert.setString(5, event.metadata().toString());
					insert.setLong(6, event.seq());
					setInstant(insert, 7, event.receivedAt(), sqlite);
					setInstant(insert, 8, now, sqlite);
					insert.setInt(9, partition);
					insert.setLong(10, offsets[partition]++);
					insert.addBatch();
					if (withState) {
						latest.put(event.agentId(), event);
					}
					if ((i + 1) % batch == 0 || i == rows - 1) {
						insert.executeBatch();
						if (withState) {
							upsertStates(upsert, latest, sqlite, now);
						}
						connection.commit();
					}
				}
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			System.out.printf(Locale.ROOT, "BENCH scenario=%s rows=%d batch=%d duration_s=%.3f rows_per_s=%.1f%n",
					scenario, rows, batch, seconds, rows / seconds);
		}
	}

	/** The archiver's own per-batch state upsert, for {@code --with-state=true}. */
	private static void upsertStates(PreparedStatement upsert, Map<String, EventEnvelope> latest, boolean sqlite,
			Instant now) throws SQLException {
		for (EventEnvelope event : latest.values()) {
			upsert.setString(1, event.agentId());
			upsert.setString(2, event.status());
			setInstant(upsert, 3, event.timestamp(), sqlite);
			upsert.setString(4, event.eventId());
			upsert.setLong(5, event.seq());
			upsert.setInt(6, 0);
			upsert.setLong(7, 0);
			upsert.setLong(8, 1);
			setInstant(upsert, 9, now, sqlite);
			upsert.addBatch();
		}
		upsert.executeBatch();
		latest.clear();
	}

	private static Properties properties(Arguments arguments, boolean sqlite) {
		Properties properties = new Properties();
		if (sqlite) {
			properties.setProperty("journal_mode", "WAL");
			properties.setProperty("synchronous", "NORMAL");
			properties.setProperty("cache_size", "-65536");
		}
		else {
			properties.setProperty("user", arguments.get("user", "beacon"));
			properties.setProperty("password", arguments.get("password", ""));
		}
		return properties;
	}

	private static void setInstant(PreparedStatement statement, int index, Instant instant, boolean sqlite)
			throws SQLException {
		if (sqlite) {
			statement.setString(index, SQLITE_INSTANT.format(instant));
		}
		else {
			statement.setObject(index,
					OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
		}
	}

	/** The migration's statements, one by one (comments and blank lines dropped). */
	private static void createSchema(Connection connection, Path schema) throws Exception {
		StringBuilder sql = new StringBuilder();
		for (String line : Files.readAllLines(schema)) {
			if (!line.strip().startsWith("--")) {
				sql.append(line).append('\n');
			}
		}
		try (Statement statement = connection.createStatement()) {
			for (String one : sql.toString().split(";")) {
				if (!one.isBlank()) {
					statement.execute(one);
				}
			}
		}
	}

}
