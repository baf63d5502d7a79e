package io.beacon.simulator.cli;

import java.net.URI;
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
 * @param help whether only the usage was asked for
 */
public record Options(int agents, double rate, Duration duration, URI url, int batch, int connections,
		Duration requestTimeout, boolean verify, URI archiverUrl, Duration verifyTimeout, boolean badInput,
		boolean help) {

	/** Whether events go in {@code /ingest/batch} requests. */
	public boolean batched() {
		return this.batch > 0;
	}

}
