package io.beacon.loadbalancer.backend;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackendRegistryTest {

	private final BackendRegistry registry = new BackendRegistry(new SimpleMeterRegistry());

	private final Backend a = this.registry.add(URI.create("http://127.0.0.1:8010")).backend();

	private final Backend b = this.registry.add(URI.create("http://127.0.0.1:8011")).backend();

	private final Backend c = this.registry.add(URI.create("http://127.0.0.1:8012")).backend();

	@Test
	void healthyBackendsTakeTurns() {
		assertThat(choose(6, null)).containsExactly(this.a, this.b, this.c, this.a, this.b, this.c);
	}

	@Test
	void anUnhealthyBackendIsSkippedAndTheOthersShareItsTurnsEvenly() {
		this.b.connectionFailed("connection refused");
		List<Backend> chosen = choose(100, null);
		assertThat(chosen).doesNotContain(this.b);
		assertThat(chosen).filteredOn((backend) -> backend == this.a).hasSize(50);
	}

	@Test
	void theExcludedBackendIsNeverChosen() {
		assertThat(choose(10, this.c)).doesNotContain(this.c).contains(this.a, this.b);
	}

	@Test
	void noHealthyBackendLeftIsNull() {
		this.a.connectionFailed("connection refused");
		this.b.connectionFailed("connection refused");
		assertThat(this.registry.next(this.c)).isNull();
		this.registry.remove(this.c.url());
		assertThat(this.registry.next(null)).isNull();
	}

	private List<Backend> choose(int times, Backend excluded) {
		List<Backend> chosen = new ArrayList<>();
		for (int i = 0; i < times; i++) {
			chosen.add(this.registry.next(excluded));
		}
		return chosen;
	}

}
