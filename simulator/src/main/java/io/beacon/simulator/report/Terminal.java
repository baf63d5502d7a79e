package io.beacon.simulator.report;

import java.io.PrintStream;

/**
 * Where the live status line goes: rewritten in place ({@code \r}) on a terminal, one
 * line each time otherwise (a log file, a CI job).
 */
public final class Terminal {

	private static final String CLEAR_TO_END_OF_LINE = "\033[K";

	private final PrintStream out;

	private final boolean interactive;

	private boolean statusShown;

	/**
	 * @param out the stream, standard error in the command
	 * @param interactive whether it is a terminal
	 */
	public Terminal(PrintStream out, boolean interactive) {
		this.out = out;
		this.interactive = interactive;
	}

	/**
	 * Show a status line.
	 * @param line the line, no line break
	 */
	public synchronized void status(String line) {
		if (this.interactive) {
			this.out.print("\r" + line + CLEAR_TO_END_OF_LINE);
			this.statusShown = true;
		}
		else {
			this.out.println(line);
		}
		this.out.flush();
	}

	/** Leave the status line as it is and go on below it. */
	public synchronized void endStatus() {
		if (this.statusShown) {
			this.out.println();
			this.statusShown = false;
		}
		this.out.flush();
	}

	/**
	 * A message line, below any status line.
	 * @param line the message
	 */
	public synchronized void message(String line) {
		endStatus();
		this.out.println(line);
		this.out.flush();
	}

}
