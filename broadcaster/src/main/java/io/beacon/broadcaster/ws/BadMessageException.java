package io.beacon.broadcaster.ws;

/** A client message the broadcaster cannot act on; the message says why. */
class BadMessageException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	BadMessageException(String message) {
		super(message);
	}

}
