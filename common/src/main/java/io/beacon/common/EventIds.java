package io.beacon.common;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered event ids: UUID version 7 (RFC 9562). Ids made by one process are strictly
 * increasing, which keeps the archive's unique index appending at its right edge.
 */
public final class EventIds {

	private static final int COUNTER_BITS = 12;

	private static final long COUNTER_MASK = (1L << COUNTER_BITS) - 1;

	/** Unix milliseconds in the high bits, a 12-bit counter in the low bits. */
	private static final AtomicLong LAST_TICK = new AtomicLong();

	private EventIds() {
	}

	/**
	 * A new UUIDv7.
	 * @return its canonical text form
	 */
	public static String next() {
		return nextUuid().toString();
	}

	/**
	 * A new UUIDv7.
	 * @return the UUID
	 */
	public static UUID nextUuid() {
		long tick = nextTick(System.currentTimeMillis());
		long millis = tick >>> COUNTER_BITS;
		long counter = tick & COUNTER_MASK;
		long mostSignificant = (millis << 16) | (0x7L << 12) | counter;
		long random = ThreadLocalRandom.current().nextLong();
		long leastSignificant = (random & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(mostSignificant, leastSignificant);
	}

	/**
	 * The millisecond of a UUIDv7.
	 * @param uuid a version 7 UUID
	 * @return Unix milliseconds
	 */
	public static long timestampMillis(UUID uuid) {
		return uuid.getMostSignificantBits() >>> 16;
	}

	/**
	 * The next tick after the last one: the current millisecond with a fresh counter, or,
	 * when the clock has not moved on (or went back), the last tick plus one, borrowing
	 * from the next millisecond when 4,096 ids were made in one.
	 */
	private static long nextTick(long nowMillis) {
		long candidate = nowMillis << COUNTER_BITS;
		return LAST_TICK.updateAndGet((last) -> Math.max(last + 1, candidate));
	}

}
