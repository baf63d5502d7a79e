package io.beacon.loadbalancer.backend;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendUrlTest {

	@ParameterizedTest
	@CsvSource({ "http://localhost:8010, http://localhost:8010", "HTTP://LocalHost:8010/, http://localhost:8010",
			"https://10.0.0.7:443, https://10.0.0.7:443", " http://gw:8011 , http://gw:8011" })
	void aBaseAddressIsNormalized(String given, String normalized) {
		assertThat(BackendUrl.parse(given)).hasToString(normalized);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "localhost:8010", "ftp://localhost:21", "http://localhost",
			"http://localhost:8010/ingest", "http://localhost:8010?x=1", "http://localhost:8010#top",
			"http://user@localhost:8010", "http://local host:8010" })
	void anythingElseIsRefusedWithAReason(String given) {
		assertThatThrownBy(() -> BackendUrl.parse(given)).isInstanceOf(InvalidBackendUrlException.class)
			.hasMessageContaining("url");
	}

}
