package io.beacon.bench.broadcast;

import java.util.Arrays;

import io.beacon.common.Timestamps;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads one text frame of the broadcaster's {@code /ws} with Jackson's token stream: its
 * {@code type}, and for {@code events} frames each item's {@code seq} and
 * {@code received_at} (everything else is skipped unread), {@code skipped} and
 * {@code conflated}. No tree and no strings per event: the clients share two cores with
 * what they measure. One reader per client; not thread-safe.
 */
final class FrameReader {

	private static final JsonFactory json = new JsonFactory();

	private long[] seqs = new long[1024];

	private long[] receivedAt = new long[1024];

	private int items;

	/**
	 * Read a frame; its items stay readable until the next call.
	 * @param text the frame's characters
	 * @param length how many of them
	 * @return what the frame is
	 * @throws tools.jackson.core.JacksonException when it is not JSON
	 */
	Frame read(char[] text, int length) {
		this.items = 0;
		String type = null;
		long skipped = 0;
		boolean conflated = false;
		boolean last = false;
		try (JsonParser parser = json.createParser(ObjectReadContext.empty(), text, 0, length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("a frame is a JSON object");
			}
			String name;
			while ((name = parser.nextName()) != null) {
				JsonToken value = parser.nextToken();
				switch (name) {
					case "type" -> type = parser.getValueAsString();
					case "events" -> readItems(parser, value);
					case "skipped" -> skipped = (value == JsonToken.VALUE_NUMBER_INT) ? parser.getLongValue() : 0;
					case "conflated" -> conflated = value == JsonToken.VALUE_TRUE;
					case "last" -> last = value == JsonToken.VALUE_TRUE;
					default -> parser.skipChildren();
				}
			}
		}
		return new Frame(type, this.items, skipped, conflated, last);
	}

	/** The {@code seq} of the frame's item {@code i}, -1 when it had none. */
	long seq(int i) {
		return this.seqs[i];
	}

	/**
	 * The {@code received_at} of item {@code i} in Unix milliseconds, or
	 * {@link Timestamps#INVALID}.
	 */
	long receivedAtMillis(int i) {
		return this.receivedAt[i];
	}

	private void readItems(JsonParser parser, JsonToken start) {
		if (start != JsonToken.START_ARRAY) {
			parser.skipChildren();
			return;
		}
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			if (token != JsonToken.START_OBJECT) {
				parser.skipChildren();
				continue;
			}
			long seq = -1;
			long at = Timestamps.INVALID;
			String name;
			while ((name = parser.nextName()) != null) {
				JsonToken value = parser.nextToken();
				if (name.equals("seq") && value == JsonToken.VALUE_NUMBER_INT) {
					seq = parser.getLongValue();
				}
				else if (name.equals("received_at") && value == JsonToken.VALUE_STRING) {
					at = epochMillis(parser.getStringCharacters(), parser.getStringOffset(), parser.getStringLength());
				}
				else {
					parser.skipChildren();
				}
			}
			add(seq, at);
		}
	}

	/**
	 * Unix milliseconds (fractions of a millisecond dropped) of the instant in the
	 * parser's characters, without a {@code String}, or {@link Timestamps#INVALID}.
	 */
	private static long epochMillis(char[] text, int offset, int length) {
		long micros = Timestamps.epochMicros(text, offset, length);
		return (micros != Timestamps.INVALID) ? Math.floorDiv(micros, 1000L) : Timestamps.INVALID;
	}

	private void add(long seq, long at) {
		if (this.items == this.seqs.length) {
			this.seqs = Arrays.copyOf(this.seqs, this.items * 2);
			this.receivedAt = Arrays.copyOf(this.receivedAt, this.items * 2);
		}
		this.seqs[this.items] = seq;
		this.receivedAt[this.items] = at;
		this.items++;
	}

	/**
	 * What one frame was.
	 *
	 * @param type {@code snapshot}, {@code events}, {@code stats}, … ({@code null} when
	 * absent)
	 * @param items items of its {@code events} list (events, or agent states when
	 * conflated)
	 * @param skipped events the client did not get one by one since its last frame
	 * @param conflated whether the items are the latest state per agent, not events
	 * @param last whether it is a snapshot's last part
	 */
	record Frame(String type, int items, long skipped, boolean conflated, boolean last) {

		boolean isEvents() {
			return "events".equals(this.type);
		}

		boolean isSnapshot() {
			return "snapshot".equals(this.type);
		}

	}

}
