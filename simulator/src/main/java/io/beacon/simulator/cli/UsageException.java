package io.beacon.simulator.cli;

/** A command line the simulator cannot run, with words for the person who typed it. */
public final class UsageException extends Exception {

	private static final long serialVersionUID = 1L;

	UsageException(String message) {
		super(message, null, false, false);
	}

}
