package io.beacon.simulator.agent;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdSchemeTest {

	private final EventIdScheme scheme = new EventIdScheme(77);

	@Test
	void writesTheCanonicalUuidText() {
		UUID uuid = UUID.randomUUID();
		byte[] out = new byte[36];
		EventIdScheme.write(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), out, 0);
		assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo(uuid.toString());
	}

	@Test
	void recognisesTheIdItGaveAnAgentsEventAndNoOther() {
		String id = id(5, 17);
		assertThat(UUID.fromString(id).version()).isEqualTo(7);
		assertThat(UUID.fromString(id).variant()).isEqualTo(2);
		assertThat(this.scheme.matches(id, 5, 17)).isTrue();
		assertThat(this.scheme.matches(id.toUpperCase(), 5, 17)).isTrue();
		assertThat(this.scheme.matches(id, 5, 18)).isFalse();
		assertThat(this.scheme.matches(id, 4, 17)).isFalse();
		assertThat(new EventIdScheme(78).matches(id, 5, 17)).isFalse();
		assertThat(this.scheme.matches(UUID.randomUUID().toString(), 5, 17)).isFalse();
		assertThat(this.scheme.matches("not-a-uuid", 5, 17)).isFalse();
		assertThat(this.scheme.matches(null, 5, 17)).isFalse();
	}

	@Test
	void readsTheMillisecondsOfAnId() {
		long before = System.currentTimeMillis();
		String id = id(0, 0);
		assertThat(EventIdScheme.millis(id)).isBetween(before, System.currentTimeMillis() + 1);
		assertThat(EventIdScheme.millis("x")).isEqualTo(-1);
	}

	private String id(int agent, long seq) {
		byte[] out = new byte[36];
		EventIdScheme.write(EventIdScheme.nextHighBits(), this.scheme.lowBits(agent, seq), out, 0);
		return new String(out, StandardCharsets.US_ASCII);
	}

}
