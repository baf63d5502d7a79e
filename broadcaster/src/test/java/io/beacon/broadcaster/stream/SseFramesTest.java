package io.beacon.broadcaster.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SseFramesTest {

	private final SseFrames frames = new SseFrames();

	@Test
	void eachEventIsOneMessageOnOneLineEvenWhenItsMetadataHadLineBreaks() {
		byte[] frame = this.frames.events(List.of(bytes("{\"a\":\r\n 1}"), bytes("{\"b\":2}")), 0, false);
		assertThat(text(frame)).isEqualTo("data: {\"a\":   1}\n\ndata: {\"b\":2}\n\n");
	}

	@Test
	void skippedEventsAreAnnouncedBeforeTheStates() {
		byte[] frame = this.frames.events(List.of(bytes("{\"s\":1}")), 7, true);
		assertThat(text(frame)).isEqualTo("event: skipped\ndata: {\"skipped\":7}\n\ndata: {\"s\":1}\n\n");
	}

	@Test
	void statsAndSnapshotsAreNamedEvents() {
		assertThat(text(this.frames.stats(bytes("{\"type\":\"stats\"}"))))
			.isEqualTo("event: stats\ndata: {\"type\":\"stats\"}\n\n");
		assertThat(text(this.frames.snapshot(List.of(bytes("{}")), 0, true, 1)))
			.isEqualTo("event: snapshot\ndata: {}\n\n");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
