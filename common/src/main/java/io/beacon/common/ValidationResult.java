package io.beacon.common;

import java.util.List;

/**
 * The outcome of reading one event: either a valid value or the rules it broke.
 *
 * @param <T> the type of a valid value
 */
public sealed interface ValidationResult<T> permits ValidationResult.Valid, ValidationResult.Invalid {

	static <T> ValidationResult<T> valid(T value) {
		return new Valid<>(value);
	}

	static <T> ValidationResult<T> invalid(List<FieldError> errors) {
		return new Invalid<>(List.copyOf(errors));
	}

	/**
	 * A value that obeys every rule.
	 *
	 * @param <T> the value's type
	 * @param value the value
	 */
	record Valid<T>(T value) implements ValidationResult<T> {

	}

	/**
	 * The broken rules, never empty.
	 *
	 * @param <T> the type the value would have had
	 * @param errors what is wrong, field by field
	 */
	record Invalid<T>(List<FieldError> errors) implements ValidationResult<T> {

	}

}
