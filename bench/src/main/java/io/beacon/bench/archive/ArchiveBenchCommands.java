package io.beacon.bench.archive;

import io.beacon.bench.Arguments;

/** The archive benchmark's commands, for {@link io.beacon.bench.Bench}. */
public final class ArchiveBenchCommands {

	private ArchiveBenchCommands() {
	}

	public static void prefill(String[] args) throws Exception {
		Prefill.run(new Arguments(args));
	}

	public static void dbCeiling(String[] args) throws Exception {
		JdbcCeiling.run(new Arguments(args));
	}

}
