package io.beacon.simulator.agent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventJsonTest {

	private static final DateTimeFormatter MILLIS_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	@Test
	void writesTimestampsAsRfc3339MillisecondsInUtc() {
		Random random = new Random(1);
		long from = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
		long to = Instant.parse("2099-12-31T23:59:59.999Z").toEpochMilli();
		for (int i = 0; i < 100_000; i++) {
			long millis = from + (long) (random.nextDouble() * (to - from));
			assertThat(timestamp(millis)).isEqualTo(MILLIS_UTC.format(Instant.ofEpochMilli(millis)));
		}
		assertThat(timestamp(Instant.parse("2026-06-26T23:59:59.999Z").toEpochMilli()))
			.isEqualTo("2026-06-26T23:59:59.999Z");
		assertThat(timestamp(Instant.parse("2026-06-27T00:00:00Z").toEpochMilli()))
			.isEqualTo("2026-06-27T00:00:00.000Z");
	}

	@Test
	void writesTheWholeEvent() {
		byte[] json = EventJson.write(EventJson.prefix("sim-abc-1"), AgentStatus.WAITING,
				Instant.parse("2026-06-26T12:00:00.5Z").toEpochMilli(), 0x0190_0000_0000_7000L, 0x8000_0000_0000_0001L,
				1234567, EventJson.metadataStart("abc"), 12);
		assertThat(new String(json, StandardCharsets.UTF_8))
			.isEqualTo("{\"agent_id\":\"sim-abc-1\",\"status\":\"waiting\","
					+ "\"timestamp\":\"2026-06-26T12:00:00.500Z\",\"event_id\":\"01900000-0000-7000-8000-000000000001\","
					+ "\"seq\":1234567,\"metadata\":{\"run\":\"abc\",\"cycle\":12}}");
	}

	private static String timestamp(long millis) {
		byte[] out = new byte[EventJson.TIMESTAMP_LENGTH];
		EventJson.writeTimestamp(millis, out, 0);
		return new String(out, StandardCharsets.US_ASCII);
	}

}
