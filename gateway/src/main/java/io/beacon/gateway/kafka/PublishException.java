package io.beacon.gateway.kafka;

/**
 * A record was not acknowledged by the broker.
 */
public class PublishException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final PublishFailure failure;

	PublishException(PublishFailure failure, Throwable cause) {
		super(failure.description(), cause, false, false);
		this.failure = failure;
	}

	public PublishFailure failure() {
		return this.failure;
	}

}
