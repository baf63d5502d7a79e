package io.beacon.gateway.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.beacon.common.FieldError;

/**
 * The JSON bodies the ingest endpoints answer with (DESIGN §2).
 */
final class IngestResponses {

	static final String ACCEPTED = "accepted";

	static final String NOT_ACKNOWLEDGED = "not_acknowledged";

	private IngestResponses() {
	}

	/**
	 * {@code 202} for one event.
	 *
	 * @param status always {@code accepted}
	 * @param eventId the event's id, assigned when the client sent none
	 * @param partition where it landed
	 * @param offset where it landed
	 */
	record Accepted(@JsonProperty("status") String status, @JsonProperty("event_id") String eventId,
			@JsonProperty("partition") int partition, @JsonProperty("offset") long offset) {

	}

	/**
	 * One item of a batch answer.
	 *
	 * @param index position in the batch
	 * @param eventId the event's id, assigned when the client sent none
	 * @param status {@code accepted} or {@code not_acknowledged}
	 * @param partition where it landed, when accepted
	 * @param offset where it landed, when accepted
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ItemReceipt(@JsonProperty("index") int index, @JsonProperty("event_id") String eventId,
			@JsonProperty("status") String status, @JsonProperty("partition") Integer partition,
			@JsonProperty("offset") Long offset) {

	}

	/**
	 * Any other error.
	 *
	 * @param error a stable code
	 * @param message words for a person
	 * @param details the broken rules, for {@code invalid_event}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Problem(@JsonProperty("error") String error, @JsonProperty("message") String message,
			@JsonProperty("details") List<FieldError> details) {

	}

}
