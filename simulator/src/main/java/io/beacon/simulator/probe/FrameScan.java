package io.beacon.simulator.probe;

import java.nio.charset.StandardCharsets;

import io.beacon.common.Timestamps;

/**
 * Reads the broadcaster's WebSocket frames for the two fields the delay needs, without a
 * JSON library: one pass over the bytes that follows the structure (strings, escapes,
 * nesting) so that a key inside an event's {@code metadata} is never taken for the
 * event's own, and builds no object per event. A frame whose {@code type} is not
 * {@code events} (snapshots, stats) is left after its first field. Not thread-safe: one
 * per connection.
 */
public final class FrameScan {

	/** What a frame was. */
	public enum Kind {

		/** An {@code events} frame. */
		EVENTS,
		/** Any other frame: {@code snapshot}, {@code stats}, … */
		OTHER,
		/** Not the JSON object the protocol has. */
		MALFORMED

	}

	/** Where the events of a frame go. */
	public interface Sink {

		/**
		 * One event of an {@code events} frame.
		 * @param own whether its {@code agent_id} is one of this run's
		 * @param receivedAtMicros its {@code received_at}, microseconds since the epoch,
		 * or {@link Timestamps#INVALID} when it has none that reads
		 */
		void event(boolean own, long receivedAtMicros);

	}

	private static final byte[] TYPE = ascii("type");

	private static final byte[] EVENTS = ascii("events");

	private static final byte[] SKIPPED = ascii("skipped");

	private static final byte[] CONFLATED = ascii("conflated");

	private static final byte[] AGENT_ID = ascii("agent_id");

	private static final byte[] RECEIVED_AT = ascii("received_at");

	private static final byte[] TRUE = ascii("true");

	/** Thrown where the bytes are not what the protocol has; no stack trace. */
	private static final Malformed MALFORMED = new Malformed();

	private final byte[] prefix;

	private byte[] b;

	private int pos;

	private int end;

	private int stringStart;

	private int stringEnd;

	private boolean stringEscaped;

	private long skipped;

	private boolean conflated;

	private int events;

	/**
	 * @param agentPrefix what this run's agent ids start with, followed by digits only
	 * ({@code sim-k3x9q2-})
	 */
	public FrameScan(String agentPrefix) {
		this.prefix = agentPrefix.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Read a frame.
	 * @param bytes the frame's text, UTF-8
	 * @param length how many of the bytes are the frame
	 * @param sink where each event goes, as it is read
	 * @return what the frame was; for {@link Kind#EVENTS}, {@link #skipped()},
	 * {@link #conflated()} and {@link #events()} tell the rest
	 */
	public Kind scan(byte[] bytes, int length, Sink sink) {
		this.b = bytes;
		this.pos = 0;
		this.end = length;
		this.skipped = 0;
		this.conflated = false;
		this.events = 0;
		try {
			return object(sink);
		}
		catch (Malformed | IndexOutOfBoundsException ex) {
			return Kind.MALFORMED;
		}
		finally {
			this.b = null;
		}
	}

	/** The last {@code events} frame's {@code skipped}. */
	public long skipped() {
		return this.skipped;
	}

	/** Whether the last {@code events} frame held conflated states. */
	public boolean conflated() {
		return this.conflated;
	}

	/** How many events the last {@code events} frame held. */
	public int events() {
		return this.events;
	}

	private Kind object(Sink sink) {
		whitespace();
		expect('{');
		boolean isEvents = false;
		whitespace();
		if (peek() == '}') {
			return Kind.OTHER;
		}
		while (true) {
			whitespace();
			string();
			whitespace();
			expect(':');
			whitespace();
			if (keyIs(TYPE)) {
				string();
				if (this.stringEscaped || !stringIs(EVENTS)) {
					// snapshots can be megabytes: the rest does not matter
					return Kind.OTHER;
				}
				isEvents = true;
			}
			else if (isEvents && keyIs(EVENTS)) {
				events(sink);
			}
			else if (isEvents && keyIs(SKIPPED)) {
				this.skipped = number();
			}
			else if (isEvents && keyIs(CONFLATED)) {
				int start = this.pos;
				skipValue();
				this.conflated = this.pos - start == TRUE.length && same(start, TRUE);
			}
			else {
				skipValue();
			}
			whitespace();
			byte next = next();
			if (next == '}') {
				return isEvents ? Kind.EVENTS : Kind.OTHER;
			}
			if (next != ',') {
				throw MALFORMED;
			}
		}
	}

	private void events(Sink sink) {
		expect('[');
		whitespace();
		if (peek() == ']') {
			this.pos++;
			return;
		}
		while (true) {
			whitespace();
			event(sink);
			this.events++;
			whitespace();
			byte next = next();
			if (next == ']') {
				return;
			}
			if (next != ',') {
				throw MALFORMED;
			}
		}
	}

	private void event(Sink sink) {
		expect('{');
		boolean own = false;
		long receivedAt = Timestamps.INVALID;
		whitespace();
		if (peek() == '}') {
			this.pos++;
			sink.event(false, receivedAt);
			return;
		}
		while (true) {
			whitespace();
			string();
			whitespace();
			expect(':');
			whitespace();
			if (keyIs(AGENT_ID) && peek() == '"') {
				string();
				own = !this.stringEscaped && ownAgent();
			}
			else if (keyIs(RECEIVED_AT) && peek() == '"') {
				string();
				receivedAt = this.stringEscaped ? Timestamps.INVALID
						: Timestamps.epochMicros(this.b, this.stringStart, this.stringEnd - this.stringStart);
			}
			else {
				skipValue();
			}
			whitespace();
			byte next = next();
			if (next == '}') {
				sink.event(own, receivedAt);
				return;
			}
			if (next != ',') {
				throw MALFORMED;
			}
		}
	}

	private boolean ownAgent() {
		int length = this.stringEnd - this.stringStart;
		if (length <= this.prefix.length || !same(this.stringStart, this.prefix)) {
			return false;
		}
		for (int i = this.stringStart + this.prefix.length; i < this.stringEnd; i++) {
			if (this.b[i] < '0' || this.b[i] > '9') {
				return false;
			}
		}
		return true;
	}

	/**
	 * A string from its opening quote: its raw bytes are
	 * {@code [stringStart, stringEnd)}.
	 */
	private void string() {
		expect('"');
		this.stringStart = this.pos;
		this.stringEscaped = false;
		while (true) {
			byte c = next();
			if (c == '"') {
				this.stringEnd = this.pos - 1;
				return;
			}
			if (c == '\\') {
				this.stringEscaped = true;
				next();
			}
		}
	}

	private long number() {
		long value = 0;
		int start = this.pos;
		while (this.pos < this.end && this.b[this.pos] >= '0' && this.b[this.pos] <= '9') {
			value = value * 10 + (this.b[this.pos++] - '0');
		}
		if (this.pos == start) {
			throw MALFORMED;
		}
		return value;
	}

	private void skipValue() {
		byte c = peek();
		if (c == '"') {
			string();
			return;
		}
		if (c == '{' || c == '[') {
			int depth = 0;
			do {
				c = peek();
				if (c == '"') {
					string();
					continue;
				}
				if (c == '{' || c == '[') {
					depth++;
				}
				else if (c == '}' || c == ']') {
					depth--;
				}
				this.pos++;
			}
			while (depth > 0);
			return;
		}
		int start = this.pos;
		while (this.pos < this.end) {
			c = this.b[this.pos];
			if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
				break;
			}
			this.pos++;
		}
		if (this.pos == start) {
			throw MALFORMED;
		}
	}

	private boolean keyIs(byte[] key) {
		return this.stringEnd - this.stringStart == key.length && same(this.stringStart, key);
	}

	private boolean stringIs(byte[] value) {
		return keyIs(value);
	}

	private boolean same(int at, byte[] expected) {
		if (at + expected.length > this.end) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			if (this.b[at + i] != expected[i]) {
				return false;
			}
		}
		return true;
	}

	private void whitespace() {
		while (this.pos < this.end) {
			byte c = this.b[this.pos];
			if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
				return;
			}
			this.pos++;
		}
	}

	private byte peek() {
		if (this.pos >= this.end) {
			throw MALFORMED;
		}
		return this.b[this.pos];
	}

	private byte next() {
		if (this.pos >= this.end) {
			throw MALFORMED;
		}
		return this.b[this.pos++];
	}

	private void expect(char c) {
		if (next() != c) {
			throw MALFORMED;
		}
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static final class Malformed extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Malformed() {
			super("malformed frame", null, false, false);
		}

	}

}
