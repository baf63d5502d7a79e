package io.beacon.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One broken rule: which field, and a message a client can act on. {@code index} is the
 * item's position in a batch, absent for a single event.
 *
 * @param index position in a batch, or {@code null}
 * @param field the JSON field, {@code $} for the document itself
 * @param message what is wrong, in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(Integer index, String field, String message) {

	/** The field name used when the document as a whole is wrong. */
	public static final String ROOT = "$";

	public static FieldError of(String field, String message) {
		return new FieldError(null, field, message);
	}

	public FieldError atIndex(int itemIndex) {
		return new FieldError(itemIndex, this.field, this.message);
	}

}
