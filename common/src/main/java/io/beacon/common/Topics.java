package io.beacon.common;

/**
 * Names and defaults of the Kafka topics every service agrees on.
 */
public final class Topics {

	/** The topic all state transitions go to, keyed by agent id. */
	public static final String STATE_TRANSITIONS = "agent-state-transitions";

	/** Where consumers put records they cannot parse, with the reason in headers. */
	public static final String DEAD_LETTER = deadLetterOf(STATE_TRANSITIONS);

	/** Partition count of the state-transition topic; bounds archiver parallelism. */
	public static final int DEFAULT_PARTITIONS = 12;

	/** Default bootstrap address of the broker, overridable by BEACON_KAFKA_BOOTSTRAP. */
	public static final String DEFAULT_BOOTSTRAP = "localhost:9092";

	/** Header carrying the reason a record went to the dead-letter topic. */
	public static final String HEADER_DLQ_ERROR = "beacon.dlq.error";

	/** Header carrying the partition a dead-lettered record was read from. */
	public static final String HEADER_DLQ_PARTITION = "beacon.dlq.original-partition";

	/** Header carrying the offset a dead-lettered record was read from. */
	public static final String HEADER_DLQ_OFFSET = "beacon.dlq.original-offset";

	/**
	 * The dead-letter topic of a topic.
	 * @param topic a topic name
	 * @return the name of its dead-letter topic
	 */
	public static String deadLetterOf(String topic) {
		return topic + ".dlq";
	}

	private Topics() {
	}

}
