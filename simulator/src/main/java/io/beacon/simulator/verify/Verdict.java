package io.beacon.simulator.verify;

import java.util.List;

/**
 * What the audit found.
 *
 * @param expected events the run had accepted (202)
 * @param found of those, how many are in the archive
 * @param rows rows of the run's agents read from the archive
 * @param lost accepted events not in the archive
 * @param duplicated events archived more than once (counting each extra row)
 * @param outOfOrder rows archived after a row of the same agent with a higher seq
 * @param unexpected rows the run never sent, or sent and saw rejected
 * @param unconfirmedArchived rows of events sent but never answered 202 (the request
 * timed out or the run ended first): allowed, a 503 or a timeout does not mean the event
 * was not written
 * @param lostExamples up to 10 lost events
 * @param duplicatedExamples up to 10 duplicated events
 * @param outOfOrderExamples up to 10 rows out of order
 * @param unexpectedExamples up to 10 unexpected rows
 * @param error why the archive could not be read to the end, or {@code null}
 */
public record Verdict(long expected, long found, long rows, long lost, long duplicated, long outOfOrder,
		long unexpected, long unconfirmedArchived, List<String> lostExamples, List<String> duplicatedExamples,
		List<String> outOfOrderExamples, List<String> unexpectedExamples, String error) {

	/**
	 * Whether the archive holds every accepted event exactly once, in order, and nothing
	 * else of this run.
	 * @return whether the audit passed
	 */
	public boolean clean() {
		return this.error == null && this.lost == 0 && this.duplicated == 0 && this.outOfOrder == 0
				&& this.unexpected == 0;
	}

}
