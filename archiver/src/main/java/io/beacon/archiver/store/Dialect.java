package io.beacon.archiver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * What differs between the two databases the archive runs on. The SQL is the same; only
 * how an instant is stored differs: SQLite has no timestamp type, so instants are
 * fixed-width UTC text that sorts as it reads.
 */
public enum Dialect {

	SQLITE {

		@Override
		void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
			statement.setString(index, SQLITE_INSTANT.format(instant));
		}

		@Override
		Instant getInstant(ResultSet row, String column) throws SQLException {
			String text = row.getString(column);
			return (text != null) ? Instant.parse(text) : null;
		}

	},

	POSTGRESQL {

		@Override
		void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
			statement.setObject(index, OffsetDateTime.ofInstant(instant.truncatedTo(PRECISION), ZoneOffset.UTC));
		}

		@Override
		Instant getInstant(ResultSet row, String column) throws SQLException {
			OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
			return (value != null) ? value.toInstant() : null;
		}

	};

	/** Both databases keep microseconds; SQLite's text is cut to the same precision. */
	static final ChronoUnit PRECISION = ChronoUnit.MICROS;

	private static final DateTimeFormatter SQLITE_INSTANT = DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	abstract void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException;

	abstract Instant getInstant(ResultSet row, String column) throws SQLException;

	/**
	 * The dialect of a connection's database.
	 * @param connection an open connection
	 * @return its dialect
	 * @throws SQLException when the connection fails
	 * @throws IllegalStateException for a database the archive does not support
	 */
	public static Dialect of(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName();
		return switch (product.toLowerCase(Locale.ROOT)) {
			case "sqlite" -> SQLITE;
			case "postgresql" -> POSTGRESQL;
			default -> throw new IllegalStateException(
					"the archive runs on SQLite or PostgreSQL, not on " + product + " (see BEACON_DB_URL)");
		};
	}

}
