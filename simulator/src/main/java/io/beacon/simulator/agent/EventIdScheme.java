package io.beacon.simulator.agent;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import io.beacon.common.EventIds;

/**
 * Event ids of one run: UUIDv7 whose high half is the usual time and counter (so ids stay
 * time-ordered, which the archive's unique index takes best) and whose 62 random bits are
 * a keyed hash of the agent and its {@code seq}. The audit can then tell, with no id
 * stored per event, that an archived id is the one this run sent for that agent and
 * {@code seq}.
 */
public final class EventIdScheme {

	private static final long VARIANT_MASK = 0x3FFF_FFFF_FFFF_FFFFL;

	private static final long VARIANT = 0x8000_0000_0000_0000L;

	private static final int UUID_LENGTH = 36;

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private final long key;

	public EventIdScheme(long key) {
		this.key = key;
	}

	/**
	 * A scheme with a random key.
	 * @return the scheme
	 */
	public static EventIdScheme random() {
		return new EventIdScheme(ThreadLocalRandom.current().nextLong());
	}

	/**
	 * The time-ordered high half of a new id: Unix milliseconds, version 7, a counter.
	 * @return the bits
	 */
	static long nextHighBits() {
		return EventIds.nextUuid().getMostSignificantBits();
	}

	/**
	 * The low half of the id of one agent's event.
	 * @param agent the agent's index
	 * @param seq the event's seq
	 * @return the bits, with the RFC 9562 variant
	 */
	public long lowBits(int agent, long seq) {
		long h = mix(this.key ^ mix(agent + 0x9E3779B97F4A7C15L));
		h = mix(h ^ seq);
		return (h & VARIANT_MASK) | VARIANT;
	}

	/**
	 * Whether an id is the one this scheme gives an agent's event.
	 * @param eventId the id as archived
	 * @param agent the agent's index
	 * @param seq the event's seq
	 * @return whether it is a version 7 UUID with this agent's and seq's low half
	 */
	public boolean matches(String eventId, int agent, long seq) {
		if (!wellFormed(eventId)) {
			return false;
		}
		long high = (hex(eventId, 0, 8) << 32) | (hex(eventId, 9, 4) << 16) | hex(eventId, 14, 4);
		long low = (hex(eventId, 19, 4) << 48) | hex(eventId, 24, 12);
		return ((high >>> 12) & 0xF) == 7 && low == lowBits(agent, seq);
	}

	/**
	 * The Unix milliseconds of a well-formed UUIDv7.
	 * @param eventId the id
	 * @return the milliseconds, or -1 when the id is not a UUID
	 */
	public static long millis(String eventId) {
		return wellFormed(eventId) ? (hex(eventId, 0, 8) << 16) | hex(eventId, 9, 4) : -1;
	}

	/**
	 * Write a UUID's canonical text.
	 * @param high the most significant bits
	 * @param low the least significant bits
	 * @param out where to write 36 ASCII bytes
	 * @param offset from where
	 */
	static void write(long high, long low, byte[] out, int offset) {
		int position = offset;
		for (int nibble = 15; nibble >= 0; nibble--) {
			out[position++] = HEX[(int) (high >>> (nibble * 4)) & 0xF];
			if (nibble == 8 || nibble == 4) {
				out[position++] = '-';
			}
		}
		out[position++] = '-';
		for (int nibble = 15; nibble >= 0; nibble--) {
			out[position++] = HEX[(int) (low >>> (nibble * 4)) & 0xF];
			if (nibble == 12) {
				out[position++] = '-';
			}
		}
	}

	private static boolean wellFormed(String id) {
		if (id == null || id.length() != UUID_LENGTH) {
			return false;
		}
		for (int i = 0; i < UUID_LENGTH; i++) {
			char c = id.charAt(i);
			boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
			if (dash ? c != '-' : Character.digit(c, 16) < 0) {
				return false;
			}
		}
		return true;
	}

	private static long hex(String text, int from, int count) {
		long value = 0;
		for (int i = from; i < from + count; i++) {
			value = (value << 4) | Character.digit(text.charAt(i), 16);
		}
		return value;
	}

	/** SplitMix64's finalizer: every input bit reaches every output bit. */
	private static long mix(long value) {
		long z = (value ^ (value >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
