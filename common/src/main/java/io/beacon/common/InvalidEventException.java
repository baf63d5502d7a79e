package io.beacon.common;

import java.util.List;

/**
 * A record value that is not a valid envelope: the consumer's signal to dead-letter it.
 */
public class InvalidEventException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<FieldError> errors;

	public InvalidEventException(List<FieldError> errors) {
		super(describe(errors));
		this.errors = List.copyOf(errors);
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	private static String describe(List<FieldError> errors) {
		StringBuilder text = new StringBuilder();
		for (FieldError error : errors) {
			if (!text.isEmpty()) {
				text.append("; ");
			}
			text.append(error.field()).append(": ").append(error.message());
		}
		return text.toString();
	}

}
