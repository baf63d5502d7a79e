package io.beacon.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A real PostgreSQL server: it answers, a stop takes it off the network, and a start on
 * the same data directory brings back everything committed before.
 */
class PostgresServerIT {

	@TempDir
	Path dir;

	@Test
	void keepsDataAcrossAStopAndStart() {
		try (PostgresServer postgres = PostgresServer.start(this.dir)) {
			assertThat(postgres.isRunning()).isTrue();
			assertThat(postgres.user()).isEqualTo("beacon");
			assertThat(postgres.createDatabase("beacon_it"))
				.isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/beacon_it");
			postgres.psql("beacon_it", "CREATE TABLE events (id bigint PRIMARY KEY, status text NOT NULL);"
					+ " INSERT INTO events VALUES (1, 'running'), (2, 'completed')");
			assertThat(postgres.psql("beacon_it", "SELECT count(*) FROM events")).isEqualTo("2");
			assertThat(postgres.psql("beacon_it", "SELECT current_user")).isEqualTo("beacon");

			postgres.stop();
			assertThat(postgres.isRunning()).isFalse();
			assertThat(postgres.acceptsConnections()).isFalse();
			assertThat(refusesConnections(postgres.port())).as("connection refused").isTrue();
			assertThatIllegalStateException().isThrownBy(() -> postgres.psql("beacon_it", "SELECT 1"));
			postgres.stop(); // stopping a stopped server does nothing

			postgres.start();
			assertThat(postgres.acceptsConnections()).isTrue();
			assertThat(postgres.psql("beacon_it", "SELECT id || ':' || status FROM events ORDER BY id"))
				.isEqualTo("1:running\n2:completed");
		}
	}

	@Test
	void refusesASecondStartAndClosesTwice() {
		PostgresServer postgres = PostgresServer.start(this.dir);
		try {
			assertThatIllegalStateException().isThrownBy(postgres::start).withMessageContaining("already running");
		}
		finally {
			postgres.close();
		}
		postgres.close();
		assertThat(postgres.isRunning()).isFalse();
	}

	@Test
	void sharedServerIsOnePerJvm() {
		PostgresServer shared = PostgresServer.shared();
		assertThat(PostgresServer.shared()).isSameAs(shared);
		assertThat(shared.acceptsConnections()).isTrue();
		assertThat(shared.createDatabase("shared_it")).endsWith(":" + shared.port() + "/shared_it");
		assertThat(shared.psql("shared_it", "SELECT 6 * 7")).isEqualTo("42");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> shared.createDatabase("shared_it"))
			.withMessageContaining("already exists");
	}

	private static boolean refusesConnections(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

}
