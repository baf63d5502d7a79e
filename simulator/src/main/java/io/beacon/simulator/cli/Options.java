package io.beacon.simulator.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What one run of the simulator does, as given on the command line.
 *
 * @param agents how many agents play
 * @param rate events per second, all agents together
 * @param duration how long to send, or {@code null} for until Ctrl-C
 * @param url where the ingest API is (a gateway or the load balancer)
 * @param batch events per {@code /ingest/batch} request at most, or 0 for single events
 * to {@code /ingest/state}
 * @param connections the most requests in flight, each on its own keep-alive connection
 * @param requestTimeout how long to wait for an answer before sending again
 * @param verify whether to audit the archive after sending
 * @param archiverUrl the archiver's read API
 * @param verifyTimeout how long the audit waits for the archive to catch up
 * @param badInput whether to check the answers to malformed requests instead of playing
 * agents
 * @param burst a burst in the run, or {@code null}
 * @param wsUrl the broadcaster's WebSocket to measure the ingest-to-dashboard delay on,
 * or {@code null}
 * @param lagUrl the watchtower whose archive lag to follow, or {@code null}
 * @param lagNormal the archive lag (records) that counts as normal
 * @param reportJson where to write the run as JSON, or {@code null}
 * @param slo whether the promises decide the exit status too
 * @param help whether only the usage was asked for
 */
public record Options(int agents, double rate, Duration duration, URI url, int batch, int connections,
		Duration requestTimeout, boolean verify, URI archiverUrl, Duration verifyTimeout, boolean badInput, Burst burst,
		URI wsUrl, URI lagUrl, long lagNormal, Path reportJson, boolean slo, boolean help) {

	/** Whether events go in {@code /ingest/batch} requests. */
	public boolean batched() {
		return this.batch > 0;
	}

	/**
	 * A stretch of the run at another rate.
	 *
	 * @param rate events per second during the burst
	 * @param at when it starts, from the run's start
	 * @param length how long it lasts
	 */
	public record Burst(double rate, Duration at, Duration length) {

		/** When it ends, from the run's start. */
		public Duration end() {
			return this.at.plus(this.length);
		}

	}

}
