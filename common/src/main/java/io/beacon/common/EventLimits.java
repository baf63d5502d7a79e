package io.beacon.common;

/**
 * The numeric bounds of the event contract (DESIGN §2).
 */
public final class EventLimits {

	/** Longest {@code agent_id} and {@code event_id}, in characters. */
	public static final int MAX_ID_LENGTH = 128;

	/** Longest {@code status}, in characters. */
	public static final int MAX_STATUS_LENGTH = 64;

	/** Largest {@code metadata} object, serialized as compact UTF-8 JSON. */
	public static final int MAX_METADATA_BYTES = 16 * 1024;

	/** Most events in one {@code /ingest/batch} request. */
	public static final int MAX_BATCH_SIZE = 1000;

	/**
	 * Deepest nesting accepted in a request document; deeper is rejected as malformed.
	 */
	public static final int MAX_NESTING_DEPTH = 64;

	private EventLimits() {
	}

}
