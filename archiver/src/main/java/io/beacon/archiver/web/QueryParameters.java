package io.beacon.archiver.web;

import java.util.ArrayList;
import java.util.List;

import io.beacon.common.EventLimits;
import io.beacon.common.FieldError;

/**
 * Checks the read API's query parameters and collects every problem, so that one
 * {@code 400} names them all.
 */
final class QueryParameters {

	static final int MAX_PAGE = 1000;

	/**
	 * The event feed is read in bulk (the simulator's audit), so its pages may be larger.
	 */
	static final int MAX_EVENTS_PAGE = 10_000;

	private final List<FieldError> errors = new ArrayList<>();

	int limit(String name, String value, int max) {
		Long number = number(name, value);
		if (number != null && (number < 1 || number > max)) {
			this.errors.add(FieldError.of(name, "must be between 1 and " + max));
		}
		return (number != null) ? (int) Math.max(1, Math.min(number, max)) : 1;
	}

	long nonNegative(String name, String value) {
		Long number = number(name, value);
		if (number != null && number < 0) {
			this.errors.add(FieldError.of(name, "must be 0 or more"));
		}
		return (number != null) ? Math.max(0, number) : 0;
	}

	void status(String name, String value) {
		if (value.isEmpty() || value.length() > EventLimits.MAX_STATUS_LENGTH) {
			this.errors.add(FieldError.of(name, "must be 1 to " + EventLimits.MAX_STATUS_LENGTH + " characters"));
		}
	}

	void throwIfInvalid() {
		if (!this.errors.isEmpty()) {
			throw new InvalidParametersException(this.errors);
		}
	}

	private Long number(String name, String value) {
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			this.errors.add(FieldError.of(name, "must be a whole number, not '" + value + "'"));
			return null;
		}
	}

}
