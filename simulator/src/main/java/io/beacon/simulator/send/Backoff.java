package io.beacon.simulator.send;

import java.time.Duration;

/**
 * How long to wait before sending again: what {@code Retry-After} asks for when the
 * server said, otherwise exponential from {@link #INITIAL}; both capped at {@link #MAX}
 * and spread a little so that agents refused together do not come back together.
 */
final class Backoff {

	static final Duration INITIAL = Duration.ofMillis(100);

	static final Duration MAX = Duration.ofSeconds(5);

	private static final int MAX_DOUBLINGS = 20;

	private Backoff() {
	}

	/**
	 * The wait before a retry.
	 * @param retry which retry this is, from 1
	 * @param retryAfter the answer's {@code Retry-After} header (seconds), or
	 * {@code null}
	 * @param random a number in [0, 1)
	 * @return nanoseconds
	 */
	static long delayNanos(int retry, String retryAfter, double random) {
		long seconds = retryAfterSeconds(retryAfter);
		double nanos;
		if (seconds >= 0) {
			// at least what the server asked for
			nanos = seconds * 1e9 * (1 + 0.2 * random);
		}
		else {
			double exponential = INITIAL.toNanos() * Math.pow(2, Math.min(MAX_DOUBLINGS, Math.max(0, retry - 1)));
			nanos = Math.min(exponential, MAX.toNanos()) * (0.5 + 0.5 * random);
		}
		return (long) Math.min(nanos, MAX.toNanos());
	}

	/**
	 * The delay-seconds form; the HTTP-date form is rare from servers and left to
	 * backoff.
	 */
	private static long retryAfterSeconds(String retryAfter) {
		if (retryAfter == null || retryAfter.isBlank()) {
			return -1;
		}
		try {
			long seconds = Long.parseLong(retryAfter.trim());
			return (seconds >= 0) ? seconds : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
