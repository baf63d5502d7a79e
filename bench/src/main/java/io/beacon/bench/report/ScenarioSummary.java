package io.beacon.bench.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The medians of a scenario's runs.
 *
 * @param scenario which scenario
 * @param runs how many runs
 * @param requestsPerSecond median requests/s
 * @param eventsPerSecond median events/s
 * @param p50Millis median of the runs' p50 latencies
 * @param p99Millis median of the runs' p99 latencies
 * @param errors socket errors and timeouts over all runs (producer: failed sends)
 * @param non2xx responses other than 2xx over all runs
 * @param machineCores median cores busy on the whole machine (load generator included)
 * @param serviceCores median cores used by the services under test
 * @param otherCores median cores used by processes neither under test nor generating load
 * @param perRun the runs' figures, in run order
 */
record ScenarioSummary(String scenario, int runs, double requestsPerSecond, double eventsPerSecond, double p50Millis,
		double p99Millis, long errors, long non2xx, double machineCores, double serviceCores, double otherCores,
		List<Run> perRun) {

	static ScenarioSummary of(String scenario, Collection<ResultLine> lines) {
		List<ResultLine> sorted = new ArrayList<>(lines);
		sorted.sort((a, b) -> Integer.compare(a.run(), b.run()));
		List<Run> runs = sorted.stream().map(Run::of).toList();
		return new ScenarioSummary(scenario, runs.size(), median(runs, Run::requestsPerSecond),
				median(runs, Run::eventsPerSecond), median(runs, Run::p50Millis), median(runs, Run::p99Millis),
				runs.stream().mapToLong(Run::errors).sum(), runs.stream().mapToLong(Run::non2xx).sum(),
				median(runs, Run::machineCores), median(runs, Run::serviceCores), median(runs, Run::otherCores), runs);
	}

	private static double median(List<Run> runs, Function<Run, Double> figure) {
		return Stats.median(runs.stream().map(figure).toList());
	}

	/**
	 * One run.
	 *
	 * @param run its number
	 * @param requestsPerSecond requests/s
	 * @param eventsPerSecond events/s
	 * @param p50Millis p50 latency
	 * @param p99Millis p99 latency
	 * @param errors socket errors and timeouts
	 * @param non2xx responses other than 2xx
	 * @param machineCores cores busy on the whole machine
	 * @param serviceCores cores used by the services under test
	 * @param otherCores cores used by other processes (not the services, not wrk)
	 */
	record Run(int run, double requestsPerSecond, double eventsPerSecond, double p50Millis, double p99Millis,
			long errors, long non2xx, double machineCores, double serviceCores, double otherCores) {

		static Run of(ResultLine line) {
			double rps = line.number("rps").orElse(Double.NaN);
			double eventsPerRequest = line.number("events_per_request").orElse(1.0);
			double eventsPerSecond = line.number("events_per_s").orElse(rps * eventsPerRequest);
			return new Run(line.run(), rps, eventsPerSecond, line.number("p50_ms").orElse(Double.NaN),
					line.number("p99_ms").orElse(Double.NaN),
					sumOf(line, "errors", "errors_connect", "errors_read", "errors_write", "errors_timeout"),
					sumOf(line, "non2xx"), line.number("cpu_machine_cores").orElse(Double.NaN),
					line.number("cpu_services_cores").orElse(Double.NaN),
					line.number("cpu_other_cores").orElse(Double.NaN));
		}

		private static long sumOf(ResultLine line, String... names) {
			long sum = 0;
			for (String name : names) {
				Optional<Double> value = line.number(name);
				if (value.isPresent()) {
					sum += value.get().longValue();
				}
			}
			return sum;
		}

	}

}
