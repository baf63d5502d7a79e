package io.beacon.broadcaster.stream;

import java.util.List;
import java.util.stream.Collectors;

import io.beacon.common.FieldError;

/** A filter a client asked for that cannot be used; each message names the field. */
public class InvalidFilterException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<FieldError> problems;

	public InvalidFilterException(List<FieldError> problems) {
		super(problems.stream()
			.map((problem) -> problem.field() + " " + problem.message())
			.collect(Collectors.joining("; ")));
		this.problems = List.copyOf(problems);
	}

	public List<FieldError> problems() {
		return this.problems;
	}

}
