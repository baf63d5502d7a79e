package io.beacon.bench.broadcast;

import java.time.Instant;

import io.beacon.common.Timestamps;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FrameReaderTest {

	private final FrameReader reader = new FrameReader();

	@Test
	void readsEachEventsSeqAndReceivedAt() {
		String frame = "{\"type\":\"events\",\"events\":[" + event(7, "2026-12-05T10:00:00.123456Z") + ","
				+ event(8, "2026-12-05T10:00:01Z") + "],\"skipped\":0,\"conflated\":false}";
		FrameReader.Frame read = read(frame);
		assertThat(read).isEqualTo(new FrameReader.Frame("events", 2, 0, false, false));
		assertThat(read.isEvents()).isTrue();
		assertThat(this.reader.seq(0)).isEqualTo(7);
		assertThat(this.reader.receivedAtMillis(0)).isEqualTo(Instant.parse("2026-12-05T10:00:00.123Z").toEpochMilli());
		assertThat(this.reader.seq(1)).isEqualTo(8);
		assertThat(this.reader.receivedAtMillis(1)).isEqualTo(Instant.parse("2026-12-05T10:00:01Z").toEpochMilli());
	}

	@Test
	void dropsFractionsOfAMillisecondLikeInstantToEpochMilli() {
		String frame = "{\"type\":\"events\",\"events\":[" + event(1, "1969-12-31T23:59:59.9995Z") + ","
				+ event(2, "2026-12-05T10:00:00.999999999Z") + "],\"skipped\":0,\"conflated\":false}";
		assertThat(read(frame).items()).isEqualTo(2);
		assertThat(this.reader.receivedAtMillis(0)).isEqualTo(Instant.parse("1969-12-31T23:59:59.9995Z").toEpochMilli())
			.isEqualTo(-1);
		assertThat(this.reader.receivedAtMillis(1))
			.isEqualTo(Instant.parse("2026-12-05T10:00:00.999999999Z").toEpochMilli());
	}

	@Test
	void skipsMetadataWhateverItHolds() {
		String frame = "{\"type\":\"events\",\"events\":[{\"event_id\":\"e\",\"metadata\":{\"seq\":99,\"received_at\":"
				+ "\"1999-01-01T00:00:00Z\",\"list\":[1,{\"a\":[]}]},\"seq\":3,\"received_at\":\"2026-12-05T10:00:00Z\"}],"
				+ "\"skipped\":0,\"conflated\":false}";
		assertThat(read(frame).items()).isEqualTo(1);
		assertThat(this.reader.seq(0)).isEqualTo(3);
		assertThat(this.reader.receivedAtMillis(0)).isEqualTo(Instant.parse("2026-12-05T10:00:00Z").toEpochMilli());
	}

	@Test
	void readsConflatedFramesAndTheirSkippedCount() {
		String frame = "{\"type\":\"events\",\"events\":[{\"agent_id\":\"agent-00001\",\"status\":\"idle\",\"seq\":12,"
				+ "\"received_at\":\"2026-12-05T10:00:00Z\",\"partition\":3,\"offset\":4}],\"skipped\":41,\"conflated\":true}";
		assertThat(read(frame)).isEqualTo(new FrameReader.Frame("events", 1, 41, true, false));
	}

	@Test
	void marksEventsWithoutSeqOrReceivedAt() {
		String frame = "{\"type\":\"events\",\"events\":[{\"seq\":null,\"received_at\":\"soon\"}],\"skipped\":0,"
				+ "\"conflated\":false}";
		assertThat(read(frame).items()).isEqualTo(1);
		assertThat(this.reader.seq(0)).isEqualTo(-1);
		assertThat(this.reader.receivedAtMillis(0)).isEqualTo(Timestamps.INVALID);
	}

	@Test
	void readsSnapshotPartsWithoutTheirAgents() {
		FrameReader.Frame first = read("{\"type\":\"snapshot\",\"agents\":[{\"agent_id\":\"a\",\"seq\":1}],\"part\":0,"
				+ "\"last\":false,\"total\":2}");
		assertThat(first).isEqualTo(new FrameReader.Frame("snapshot", 0, 0, false, false));
		assertThat(read("{\"type\":\"snapshot\",\"agents\":[],\"part\":1,\"last\":true,\"total\":2}").last()).isTrue();
	}

	@Test
	void readsStatsAsAFrameWithoutItems() {
		FrameReader.Frame stats = read(
				"{\"type\":\"stats\",\"at\":\"2026-12-05T10:00:00Z\",\"events_per_second\":9999.5,"
						+ "\"statuses\":{\"idle\":3}}");
		assertThat(stats.type()).isEqualTo("stats");
		assertThat(stats.items()).isZero();
	}

	@Test
	void growsForLargeFrames() {
		StringBuilder frame = new StringBuilder("{\"type\":\"events\",\"events\":[");
		for (int i = 0; i < 5000; i++) {
			frame.append((i > 0) ? "," : "").append(event(i, "2026-12-05T10:00:00Z"));
		}
		frame.append("],\"skipped\":0,\"conflated\":false}");
		assertThat(read(frame.toString()).items()).isEqualTo(5000);
		assertThat(this.reader.seq(4999)).isEqualTo(4999);
	}

	@Test
	void refusesWhatIsNotJson() {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> read("{\"type\":\"events\",\"events\":["));
	}

	private FrameReader.Frame read(String frame) {
		char[] text = (frame + "trailing garbage the reader must not see").toCharArray();
		return this.reader.read(text, frame.length());
	}

	private static String event(long seq, String receivedAt) {
		return "{\"event_id\":\"0193a8e0-0000-7000-8000-000000000000\",\"agent_id\":\"agent-00001\",\"status\":\"running\","
				+ "\"timestamp\":\"2026-12-05T09:59:59Z\",\"metadata\":null,\"seq\":" + seq + ",\"received_at\":\""
				+ receivedAt + "\",\"gateway\":\"bench\",\"partition\":3,\"offset\":1234}";
	}

}
