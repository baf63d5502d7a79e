package io.beacon.gateway.web;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBodiesTest {

	@ParameterizedTest(name = "{0} for {1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			application/json                       | application/json     | true
			application/json;charset=UTF-8         | application/json     | true
			application/json; charset=utf-8        | application/json     | true
			APPLICATION/JSON                       | application/json     | true
			application/vnd.beacon+json            | application/json     | true
			application/json;charset=ISO-8859-1    | application/json     | false
			text/plain                             | application/json     | false
			application/x-ndjson                   | application/json     | false
			application/x-ndjson                   | application/x-ndjson | true
			application/json                       | application/x-ndjson | false
			''                                     | application/json     | false
			""")
	void acceptsOnlyTheEndpointsTypeInUtf8(String contentType, String expected, boolean accepted) {
		Optional<MediaType> declared = contentType.isEmpty() ? Optional.empty()
				: Optional.of(MediaType.parseMediaType(contentType));
		assertThat(RequestBodies.isUtf8(declared, MediaType.parseMediaType(expected))).isEqualTo(accepted);
	}

}
