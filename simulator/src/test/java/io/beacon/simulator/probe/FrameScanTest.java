package io.beacon.simulator.probe;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.beacon.common.EventCodec;
import io.beacon.common.EventEnvelope;
import io.beacon.common.StateTransition;
import io.beacon.common.ValidationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frame scan on frames as the broadcaster writes them: topic envelopes written by the
 * real codec, with {@code partition} and {@code offset} appended (its {@code EventJson}),
 * inside {@code {"type":"events","events":[…],"skipped":N,"conflated":B}} (its
 * {@code JsonFrames}).
 */
class FrameScanTest {

	private static final String PREFIX = "sim-abc123-";

	private static final Instant RECEIVED = Instant.parse("2026-12-05T12:00:00.123456Z");

	private final EventCodec codec = new EventCodec();

	private final FrameScan scan = new FrameScan(PREFIX);

	private final List<long[]> seen = new ArrayList<>();

	@Test
	void readsTheAgentAndReceivedAtOfEveryEventOfAnEventsFrame() {
		byte[] frame = eventsFrame(0, false, event("sim-abc123-1", RECEIVED, "{\"run\":\"abc123\",\"cycle\":3}"),
				event("other-agent", RECEIVED.plusMillis(5), null),
				event("sim-abc123-50000", RECEIVED.plusMillis(7), "{\"agent_id\":\"sim-abc123-9\",\"received_at\":"
						+ "\"1999-01-01T00:00:00Z\",\"nested\":[{\"x\":\"a \\\" ] } \\\\\"},[1,2]],\"n\":-1.5e3}"));
		assertThat(scan(frame)).isEqualTo(FrameScan.Kind.EVENTS);
		assertThat(this.scan.events()).isEqualTo(3);
		assertThat(this.scan.skipped()).isZero();
		assertThat(this.scan.conflated()).isFalse();
		assertThat(this.seen).extracting((e) -> e[0]).containsExactly(1L, 0L, 1L);
		assertThat(this.seen).extracting((e) -> e[1])
			.containsExactly(micros(RECEIVED), micros(RECEIVED.plusMillis(5)), micros(RECEIVED.plusMillis(7)));
	}

	@Test
	void readsSkippedAndConflatedAndTheSnapshotFieldsOfConflatedStates() {
		// conflated frames hold the agents' latest states: the snapshot's fields
		String state = "{\"agent_id\":\"sim-abc123-7\",\"status\":\"running\",\"timestamp\":\"2026-12-05T12:00:00Z\","
				+ "\"seq\":4,\"event_id\":\"0190a5d2-0000-7000-8000-000000000000\",\"received_at\":\"" + RECEIVED
				+ "\",\"partition\":3,\"offset\":99}";
		byte[] frame = eventsFrame(12_345, true, state.getBytes(StandardCharsets.UTF_8));
		assertThat(scan(frame)).isEqualTo(FrameScan.Kind.EVENTS);
		assertThat(this.scan.skipped()).isEqualTo(12_345);
		assertThat(this.scan.conflated()).isTrue();
		assertThat(this.seen).hasSize(1);
		assertThat(this.seen.get(0)).containsExactly(1L, micros(RECEIVED));
	}

	@Test
	void takesOnlyThisRunsAgentsByTheirWholeId() {
		byte[] frame = eventsFrame(0, false, event("sim-abc123-", RECEIVED, null),
				event("sim-abc123-1x", RECEIVED, null), event("sim-abc1234-1", RECEIVED, null),
				event("xsim-abc123-1", RECEIVED, null), event("sim-abc123-12", RECEIVED, null));
		scan(frame);
		assertThat(this.seen).extracting((e) -> e[0]).containsExactly(0L, 0L, 0L, 0L, 1L);
	}

	@Test
	void leavesOtherFramesAfterTheirType() {
		String snapshot = "{\"type\":\"snapshot\",\"agents\":[{\"agent_id\":\"sim-abc123-1\",\"received_at\":\""
				+ RECEIVED + "\"}],\"part\":0,\"last\":true,\"total\":1}";
		String stats = "{\"type\":\"stats\",\"at\":\"2026-12-05T12:00:00Z\",\"events_per_second\":25000.0,"
				+ "\"events_total\":1,\"agents\":1,\"clients\":1,\"statuses\":{\"running\":1}}";
		assertThat(scan(snapshot.getBytes(StandardCharsets.UTF_8))).isEqualTo(FrameScan.Kind.OTHER);
		assertThat(scan(stats.getBytes(StandardCharsets.UTF_8))).isEqualTo(FrameScan.Kind.OTHER);
		assertThat(
				scan("{\"type\":\"subscribed\",\"agent_ids\":null,\"statuses\":null}".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo(FrameScan.Kind.OTHER);
		assertThat(this.seen).isEmpty();
	}

	@Test
	void takesAnEmptyEventsFrame() {
		assertThat(scan(eventsFrame(3, false))).isEqualTo(FrameScan.Kind.EVENTS);
		assertThat(this.scan.events()).isZero();
		assertThat(this.scan.skipped()).isEqualTo(3);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not json", "{\"type\":\"events\",\"events\":[{\"agent_id\":\"sim-abc123-1\"",
			"{\"type\":\"events\",\"events\":[{\"agent_id\" \"x\"}]}", "[1,2]",
			"{\"type\":\"events\",\"events\":[1],\"skipped\":0,\"conflated\":false}",
			"{\"type\":\"events\",\"events\":[],\"skipped\":x}" })
	void saysWhatIsNotTheProtocolsJson(String text) {
		assertThat(scan(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(FrameScan.Kind.MALFORMED);
	}

	@Test
	void readsOnlyTheFramesLengthOfItsBuffer() {
		byte[] frame = eventsFrame(0, false, event("sim-abc123-1", RECEIVED, null));
		byte[] buffer = new byte[frame.length + 100];
		System.arraycopy(frame, 0, buffer, 0, frame.length);
		buffer[frame.length] = '{';
		assertThat(this.scan.scan(buffer, frame.length, (own, at) -> this.seen.add(new long[] { own ? 1 : 0, at })))
			.isEqualTo(FrameScan.Kind.EVENTS);
		assertThat(this.scan.scan(buffer, frame.length - 1, (own, at) -> {
		})).isEqualTo(FrameScan.Kind.MALFORMED);
	}

	private FrameScan.Kind scan(byte[] frame) {
		return this.scan.scan(frame, frame.length, (own, at) -> this.seen.add(new long[] { own ? 1 : 0, at }));
	}

	private byte[] event(String agentId, Instant receivedAt, String metadata) {
		// a request as an agent sends it, read and stamped as the gateway does
		String request = "{\"agent_id\":\"" + agentId.replace("\"", "\\\"")
				+ "\",\"status\":\"running\",\"timestamp\":\"2026-12-05T11:59:59.900Z\",\"seq\":42"
				+ ((metadata != null) ? ",\"metadata\":" + metadata : "") + "}";
		ValidationResult<StateTransition> read = this.codec.readEvent(request.getBytes(StandardCharsets.UTF_8));
		assertThat(read).isInstanceOf(ValidationResult.Valid.class);
		EventEnvelope envelope = ((ValidationResult.Valid<StateTransition>) read).value()
			.toEnvelope("0190a5d2-0000-7000-8000-000000000000", receivedAt, "gateway-1");
		byte[] json = this.codec.writeEnvelope(envelope);
		byte[] place = ",\"partition\":7,\"offset\":123456}".getBytes(StandardCharsets.US_ASCII);
		byte[] live = new byte[json.length - 1 + place.length];
		System.arraycopy(json, 0, live, 0, json.length - 1);
		System.arraycopy(place, 0, live, json.length - 1, place.length);
		return live;
	}

	static byte[] eventsFrame(long skipped, boolean conflated, byte[]... events) {
		StringBuilder frame = new StringBuilder("{\"type\":\"events\",\"events\":[");
		for (int i = 0; i < events.length; i++) {
			frame.append((i > 0) ? "," : "").append(new String(events[i], StandardCharsets.UTF_8));
		}
		frame.append("],\"skipped\":").append(skipped).append(",\"conflated\":").append(conflated).append('}');
		return frame.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
	}

}
