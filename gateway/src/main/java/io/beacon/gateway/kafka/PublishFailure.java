package io.beacon.gateway.kafka;

/**
 * Why a record was not acknowledged; each is a reason to answer 503 and have the client
 * retry.
 */
public enum PublishFailure {

	/** The broker did not acknowledge within the ack timeout. */
	TIMEOUT("timeout", "the broker did not acknowledge in time"),

	/** The producer reported an error for the record. */
	BROKER_ERROR("broker_error", "the broker rejected or lost the record"),

	/** The gateway's queue to the producer is full. */
	OVERLOADED("overloaded", "the gateway is overloaded");

	private final String tag;

	private final String description;

	PublishFailure(String tag, String description) {
		this.tag = tag;
		this.description = description;
	}

	/**
	 * Low-cardinality name for metrics and response bodies.
	 * @return the tag value
	 */
	public String tag() {
		return this.tag;
	}

	/**
	 * Words for a client.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

}
