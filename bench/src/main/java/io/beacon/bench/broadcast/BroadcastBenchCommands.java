package io.beacon.bench.broadcast;

import io.beacon.bench.Arguments;

/** The broadcast benchmark's commands, for {@link io.beacon.bench.Bench}. */
public final class BroadcastBenchCommands {

	private BroadcastBenchCommands() {
	}

	public static void load(String[] args) throws Exception {
		BroadcastLoad.run(new Arguments(args));
	}

}
