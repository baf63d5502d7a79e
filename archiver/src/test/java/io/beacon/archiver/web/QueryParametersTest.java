package io.beacon.archiver.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QueryParametersTest {

	@Test
	void goodValuesPass() {
		QueryParameters parameters = new QueryParameters();
		assertThat(parameters.limit("limit", " 1000 ", 1000)).isEqualTo(1000);
		assertThat(parameters.nonNegative("offset", "0")).isZero();
		parameters.status("status", "x".repeat(64));
		parameters.throwIfInvalid();
	}

	@Test
	void everyProblemIsCollectedBeforeTheAnswer() {
		QueryParameters parameters = new QueryParameters();
		parameters.limit("limit", "0", 1000);
		parameters.nonNegative("offset", "-1");
		parameters.nonNegative("since_id", "9223372036854775808");
		parameters.status("status", "x".repeat(65));

		assertThatExceptionOfType(InvalidParametersException.class).isThrownBy(parameters::throwIfInvalid)
			.satisfies((ex) -> assertThat(ex.errors()).extracting("field")
				.containsExactly("limit", "offset", "since_id", "status"));
	}

}
