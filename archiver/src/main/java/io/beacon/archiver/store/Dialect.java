package io.beacon.archiver.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
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
			statement.setString(index, sqliteText(instant));
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

	private static final long SECONDS_PER_DAY = 86_400;

	private static final DateTimeFormatter SQLITE_INSTANT = DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	/**
	 * An instant as SQLite's fixed-width text, {@code 2026-06-26T12:00:00.000000Z}. Three
	 * per row on the write path: written by hand, as {@link DateTimeFormatter} showed at
	 * the top of the archiver's profile.
	 * @param instant the instant
	 * @return its text, cut to microseconds
	 */
	static String sqliteText(Instant instant) {
		long seconds = instant.getEpochSecond();
		LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
		if (date.getYear() < 0 || date.getYear() > 9999) {
			return SQLITE_INSTANT.format(instant);
		}
		int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
		byte[] text = new byte[27];
		digits(text, 0, date.getYear(), 4);
		text[4] = '-';
		digits(text, 5, date.getMonthValue(), 2);
		text[7] = '-';
		digits(text, 8, date.getDayOfMonth(), 2);
		text[10] = 'T';
		digits(text, 11, secondOfDay / 3600, 2);
		text[13] = ':';
		digits(text, 14, (secondOfDay / 60) % 60, 2);
		text[16] = ':';
		digits(text, 17, secondOfDay % 60, 2);
		text[19] = '.';
		digits(text, 20, instant.getNano() / 1000, 6);
		text[26] = 'Z';
		return new String(text, StandardCharsets.US_ASCII);
	}

	private static void digits(byte[] text, int at, int value, int width) {
		int rest = value;
		for (int i = at + width - 1; i >= at; i--) {
			text[i] = (byte) ('0' + rest % 10);
			rest /= 10;
		}
	}

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
