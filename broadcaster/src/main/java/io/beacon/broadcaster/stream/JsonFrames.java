package io.beacon.broadcaster.stream;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * WebSocket frames: one JSON object per frame, {@code type} first.
 */
public final class JsonFrames implements FrameFormat {

	private static final byte[] EVENTS_START = EventJson.ascii("{\"type\":\"events\",\"events\":[");

	private static final byte[] AGENTS_START = EventJson.ascii("{\"type\":\"snapshot\",\"agents\":[");

	@Override
	public byte[] events(List<byte[]> items, long skipped, boolean conflated) {
		ByteArrayOutputStream out = list(EVENTS_START, items);
		out.writeBytes(EventJson.ascii("],\"skipped\":" + skipped + ",\"conflated\":" + conflated + "}"));
		return out.toByteArray();
	}

	@Override
	public byte[] snapshot(List<byte[]> agents, int part, boolean last, int total) {
		ByteArrayOutputStream out = list(AGENTS_START, agents);
		out.writeBytes(EventJson.ascii("],\"part\":" + part + ",\"last\":" + last + ",\"total\":" + total + "}"));
		return out.toByteArray();
	}

	@Override
	public byte[] stats(byte[] stats) {
		return stats;
	}

	private static ByteArrayOutputStream list(byte[] start, List<byte[]> items) {
		int size = start.length + 64;
		for (byte[] item : items) {
			size += item.length + 1;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(size);
		out.writeBytes(start);
		for (int i = 0; i < items.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.writeBytes(items.get(i));
		}
		return out;
	}

}
