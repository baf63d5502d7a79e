package io.beacon.simulator.report;

/**
 * One load run, for the final report and for whoever ran it (the command's exit status, a
 * test).
 *
 * @param runId the run's id, in every agent id
 * @param url where events went
 * @param agents how many agents played
 * @param targetRate the target, events per second
 * @param batch events per batch request at most, 0 for single events
 * @param connections the most requests in flight
 * @param elapsedNanos from the first send to the last answer (or giving up)
 * @param totals the counts
 * @param latencyCount answers timed
 * @param p50Micros median request latency
 * @param p99Micros 99th percentile request latency
 * @param maxMicros slowest request
 */
public record RunSummary(String runId, String url, int agents, double targetRate, int batch, int connections,
		long elapsedNanos, Counters.Totals totals, long latencyCount, long p50Micros, long p99Micros, long maxMicros) {

	/**
	 * Accepted events per second over the run.
	 * @return the rate
	 */
	public double acceptedPerSecond() {
		return (this.elapsedNanos <= 0) ? 0 : this.totals.accepted() / (this.elapsedNanos / 1e9);
	}

}
