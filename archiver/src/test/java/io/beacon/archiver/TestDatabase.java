package io.beacon.archiver;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.beacon.testsupport.PostgresServer;

/**
 * An archive database for one test: a fresh SQLite file, or a fresh database on a real
 * PostgreSQL server. Queried with plain JDBC, beside the archiver.
 */
abstract class TestDatabase {

	private static final AtomicInteger names = new AtomicInteger();

	abstract String url();

	/** The archiver's arguments that select this database. */
	abstract List<String> archiverProperties();

	abstract Connection connect() throws SQLException;

	/**
	 * Make the database refuse the archiver's writes until the returned handle is closed:
	 * SQLite's file locked by another writer, PostgreSQL's server stopped.
	 */
	abstract AutoCloseable outage() throws Exception;

	static TestDatabase sqlite(Path dir) {
		Path file = dir.resolve("archive-" + names.incrementAndGet() + ".db");
		return new TestDatabase() {

			@Override
			String url() {
				return "jdbc:sqlite:" + file;
			}

			@Override
			List<String> archiverProperties() {
				return List.of("spring.datasource.url=" + url());
			}

			@Override
			Connection connect() throws SQLException {
				return DriverManager.getConnection(url());
			}

			@Override
			AutoCloseable outage() throws SQLException {
				Connection locker = connect();
				try (Statement statement = locker.createStatement()) {
					statement.execute("BEGIN EXCLUSIVE");
				}
				return () -> {
					try (locker; Statement statement = locker.createStatement()) {
						statement.execute("ROLLBACK");
					}
				};
			}

		};
	}

	static TestDatabase postgres(PostgresServer server) {
		String url = server.createDatabase("archive_" + ProcessHandle.current().pid() + "_" + names.incrementAndGet());
		return new TestDatabase() {

			@Override
			String url() {
				return url;
			}

			@Override
			List<String> archiverProperties() {
				return List.of("spring.profiles.active=postgres", "spring.datasource.url=" + url,
						"spring.datasource.username=" + server.user());
			}

			@Override
			Connection connect() throws SQLException {
				return DriverManager.getConnection(url, server.user(), "");
			}

			@Override
			AutoCloseable outage() {
				server.stop();
				return server::start;
			}

		};
	}

	long count(String sql) {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			// a table not created yet counts as empty: the archiver migrates at start-up
			if (ex.getMessage() != null && ex.getMessage().contains("agent_")) {
				return 0;
			}
			throw new IllegalStateException(ex);
		}
	}

	long rows() {
		return count("SELECT count(*) FROM agent_events");
	}

	List<Map<String, Object>> query(String sql) {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			List<Map<String, Object>> rows = new ArrayList<>();
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				Map<String, Object> row = new LinkedHashMap<>();
				for (int i = 1; i <= columns; i++) {
					Object value = result.getObject(i);
					row.put(result.getMetaData().getColumnLabel(i).toLowerCase(Locale.ROOT),
							(value instanceof Number number) ? (Object) number.longValue() : value);
				}
				rows.add(row);
			}
			return rows;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
