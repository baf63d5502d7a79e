package io.beacon.bench;

import java.util.Arrays;

import io.beacon.bench.archive.ArchiveBenchCommands;
import io.beacon.bench.broadcast.BroadcastBenchCommands;
import io.beacon.bench.kafka.ProducerCeiling;
import io.beacon.bench.report.ArchiveReport;
import io.beacon.bench.report.BenchReport;
import io.beacon.bench.report.BroadcastReport;
import io.beacon.bench.report.LbReport;
import io.beacon.bench.report.StackReport;
import io.beacon.bench.trivial.TrivialIngestApplication;

/**
 * The one entry point of the bench jar:
 * {@code java -jar beacon-bench-*-exec.jar <command>
 * [args]}, run by {@code bench/ingest-bench.sh}, {@code bench/archive-bench.sh} and
 * {@code bench/broadcast-bench.sh}, {@code bench/lb-bench.sh} and
 * {@code bench/stack-bench.sh}.
 */
public final class Bench {

	private static final String USAGE = """
			usage: java -jar beacon-bench-exec.jar <command> [--name=value ...]
			  trivial           WebFlux app answering POST /ingest/state with 202 and nothing else (HTTP ceiling)
			  producer-ceiling  Kafka producer with the gateway's settings, sending as fast as it takes records
			  report            medians, ratios and targets from the BENCH lines of a run
			  prefill           fill a fresh topic with the archive benchmark's events (--events, --agents, --topic)
			  db-ceiling        insert the same rows with a bare prepared batch (--url, --schema, --rows, --batch)
			  archive-report    medians, ratios and targets from the BENCH lines of bench/archive-bench.sh
			  broadcast-load    paced events to Kafka and WebSocket clients of a broadcaster (--ws, --prometheus, --broadcaster-pid)
			  broadcast-report  table and targets from the BENCH lines of bench/broadcast-bench.sh
			  lb-report         medians, the load balancer's overhead and targets from the BENCH lines of bench/lb-bench.sh
			  stack-report      ceilings, the stack's figures, ratios and targets of bench/stack-bench.sh (--results, --lag, --soak)
			""";

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.print(USAGE);
			System.exit(2);
		}
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		switch (args[0]) {
			case "trivial" -> TrivialIngestApplication.main(rest);
			case "producer-ceiling" -> ProducerCeiling.main(rest);
			case "report" -> BenchReport.main(rest);
			case "prefill" -> ArchiveBenchCommands.prefill(rest);
			case "db-ceiling" -> ArchiveBenchCommands.dbCeiling(rest);
			case "archive-report" -> ArchiveReport.main(rest);
			case "broadcast-load" -> BroadcastBenchCommands.load(rest);
			case "broadcast-report" -> BroadcastReport.main(rest);
			case "lb-report" -> LbReport.main(rest);
			case "stack-report" -> StackReport.main(rest);
			default -> {
				System.err.print(USAGE);
				System.exit(2);
			}
		}
	}

}
