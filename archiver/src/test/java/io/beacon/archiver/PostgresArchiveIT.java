package io.beacon.archiver;

import io.beacon.testsupport.PostgresServer;

/** The archive contract on a real PostgreSQL server: a fresh database per test. */
class PostgresArchiveIT extends ArchiveContract {

	@Override
	TestDatabase newDatabase() {
		return TestDatabase.postgres(PostgresServer.shared());
	}

}
