package io.beacon.archiver.web;

import java.util.List;

import io.beacon.common.FieldError;

/** Query parameters the read API cannot use: answered {@code 400}. */
class InvalidParametersException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<FieldError> errors;

	InvalidParametersException(List<FieldError> errors) {
		super("invalid parameters", null, false, false);
		this.errors = List.copyOf(errors);
	}

	List<FieldError> errors() {
		return this.errors;
	}

}
