package io.beacon.broadcaster.stream;

/** The broadcaster serves as many clients as it is configured to take. */
public class TooManyClientsException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	TooManyClientsException(int max) {
		super("the broadcaster serves its maximum of " + max + " clients; try again later");
	}

}
