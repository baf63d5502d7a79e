package io.beacon.bench.broadcast;

import java.util.Arrays;

/**
 * The phases of a run, in order: which phase an event's {@code seq} belongs to. Started
 * by the producing thread before it sends the phase's first event; looked up by every
 * client's thread.
 */
final class Phases {

	private volatile Phase[] all = new Phase[0];

	/**
	 * A new phase whose events start at {@code firstSeq}.
	 * @param scenario its name in the results
	 * @param run its number within the scenario
	 * @param firstSeq the {@code seq} its first event gets
	 * @return the phase
	 */
	synchronized Phase start(String scenario, int run, long firstSeq) {
		Phase phase = new Phase(scenario, run, this.all.length, firstSeq);
		Phase[] grown = Arrays.copyOf(this.all, this.all.length + 1);
		grown[phase.index()] = phase;
		this.all = grown;
		return phase;
	}

	/**
	 * The phase an event was sent in.
	 * @param seq the event's {@code seq}
	 * @return its phase, or {@code null} for an event sent before the first
	 */
	Phase of(long seq) {
		Phase[] phases = this.all;
		for (int i = phases.length - 1; i >= 0; i--) {
			if (phases[i].first() <= seq) {
				return phases[i];
			}
		}
		return null;
	}

}
