package io.beacon.broadcaster.stream;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Server-Sent Events: one {@code data:} message per event (the default event type, so
 * {@code EventSource.onmessage} sees them), {@code event: skipped} before conflated
 * states, {@code event: stats} every second, {@code event: snapshot} per agent state.
 */
public final class SseFrames implements FrameFormat {

	private static final byte[] DATA = EventJson.ascii("data: ");

	private static final byte[] END = EventJson.ascii("\n\n");

	@Override
	public byte[] events(List<byte[]> items, long skipped, boolean conflated) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(size(items));
		if (skipped > 0) {
			out.writeBytes(EventJson.ascii("event: skipped\ndata: {\"skipped\":" + skipped + "}\n\n"));
		}
		messages(out, null, items);
		return out.toByteArray();
	}

	@Override
	public byte[] snapshot(List<byte[]> agents, int part, boolean last, int total) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(size(agents));
		messages(out, EventJson.ascii("event: snapshot\n"), agents);
		return out.toByteArray();
	}

	@Override
	public byte[] stats(byte[] stats) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(stats.length + 32);
		messages(out, EventJson.ascii("event: stats\n"), List.of(stats));
		return out.toByteArray();
	}

	private static void messages(ByteArrayOutputStream out, byte[] eventLine, List<byte[]> items) {
		for (byte[] item : items) {
			if (eventLine != null) {
				out.writeBytes(eventLine);
			}
			out.writeBytes(DATA);
			oneLine(out, item);
			out.writeBytes(END);
		}
	}

	/**
	 * Metadata travels as the client wrote it, line breaks included; in valid JSON a line
	 * break can only be whitespace between tokens, and in SSE it would end the message.
	 */
	private static void oneLine(ByteArrayOutputStream out, byte[] json) {
		int start = 0;
		for (int i = 0; i < json.length; i++) {
			if (json[i] == '\n' || json[i] == '\r') {
				out.write(json, start, i - start);
				out.write(' ');
				start = i + 1;
			}
		}
		out.write(json, start, json.length - start);
	}

	private static int size(List<byte[]> items) {
		int size = 64;
		for (byte[] item : items) {
			size += item.length + 24;
		}
		return size;
	}

}
