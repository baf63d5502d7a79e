package io.beacon.loadbalancer.backend;

import java.net.URI;
import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackendTest {

	private final Backend backend = new Backend(URI.create("http://127.0.0.1:8010"), new SimpleMeterRegistry());

	@Test
	void failedChecksInARowTakeItOutOfRotationAndOnePassBringsItBack() {
		this.backend.checked("no answer within 1000 ms", 2, Instant.now());
		assertThat(this.backend.healthy()).as("one slow answer is not enough").isTrue();
		assertThat(this.backend.problem()).isEqualTo("no answer within 1000 ms");
		this.backend.checked(null, 2, Instant.now());
		this.backend.checked("no answer within 1000 ms", 2, Instant.now());
		assertThat(this.backend.healthy()).as("the count starts again after a pass").isTrue();
		this.backend.checked("health check answered 503", 2, Instant.now());
		assertThat(this.backend.healthy()).isFalse();
		this.backend.checked(null, 2, Instant.now());
		assertThat(this.backend.healthy()).isTrue();
		assertThat(this.backend.problem()).isNull();
	}

	@Test
	void aRefusedConnectionTakesItOutAtOnce() {
		this.backend.connectionFailed("connection refused");
		assertThat(this.backend.healthy()).isFalse();
		assertThat(this.backend.problem()).isEqualTo("connection refused");
	}

}
