package io.beacon.archiver;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The archive contract on SQLite, the default database: a real file per test. */
class SqliteArchiveIT extends ArchiveContract {

	@TempDir
	Path dir;

	@Override
	TestDatabase newDatabase() {
		return TestDatabase.sqlite(this.dir);
	}

}
