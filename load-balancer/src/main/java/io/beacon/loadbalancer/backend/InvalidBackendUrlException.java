package io.beacon.loadbalancer.backend;

/** A backend address that cannot be used; the message says why. */
public class InvalidBackendUrlException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public InvalidBackendUrlException(String message) {
		super(message);
	}

}
