package io.beacon.simulator.agent;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Writes an event's JSON straight into one exactly sized byte array: the agent's fixed
 * prefix, then the few fields that change. No JSON library and no intermediate strings on
 * the sending path, where tens of thousands of events a second are made.
 */
final class EventJson {

	private static final byte[] TIMESTAMP = ascii("\",\"timestamp\":\"");

	private static final byte[] EVENT_ID = ascii("\",\"event_id\":\"");

	private static final byte[] SEQ = ascii("\",\"seq\":");

	private static final byte[] CYCLE = ascii(",\"cycle\":");

	private static final byte[] END = ascii("}}");

	static final int TIMESTAMP_LENGTH = "2026-06-26T12:00:00.000Z".length();

	private static final int UUID_LENGTH = 36;

	private static final long MILLIS_PER_DAY = 86_400_000L;

	/**
	 * The last day written, so the date is formatted once a day rather than per event.
	 */
	private static volatile Day lastDay = new Day(Long.MIN_VALUE, new byte[0]);

	private EventJson() {
	}

	/**
	 * What every event of an agent starts with.
	 * @param agentId the agent
	 * @return {@code {"agent_id":"…","status":"}
	 */
	static byte[] prefix(String agentId) {
		return ascii("{\"agent_id\":\"" + agentId + "\",\"status\":\"");
	}

	/**
	 * What every event of a run's metadata starts with.
	 * @param runId the run
	 * @return {@code ,"metadata":{"run":"…"}
	 */
	static byte[] metadataStart(String runId) {
		return ascii(",\"metadata\":{\"run\":\"" + runId + "\"");
	}

	/**
	 * One event:
	 * {@code {"agent_id","status","timestamp","event_id","seq","metadata":{"run","cycle"}}}.
	 */
	static byte[] write(byte[] prefix, AgentStatus status, long epochMillis, long idHigh, long idLow, long seq,
			byte[] metadataStart, int cycle) {
		byte[] statusBytes = status.utf8();
		int length = prefix.length + statusBytes.length + TIMESTAMP.length + TIMESTAMP_LENGTH + EVENT_ID.length
				+ UUID_LENGTH + SEQ.length + digits(seq) + metadataStart.length + CYCLE.length + digits(cycle)
				+ END.length;
		byte[] out = new byte[length];
		int position = put(out, 0, prefix);
		position = put(out, position, statusBytes);
		position = put(out, position, TIMESTAMP);
		writeTimestamp(epochMillis, out, position);
		position += TIMESTAMP_LENGTH;
		position = put(out, position, EVENT_ID);
		EventIdScheme.write(idHigh, idLow, out, position);
		position += UUID_LENGTH;
		position = put(out, position, SEQ);
		position = putNumber(out, position, seq);
		position = put(out, position, metadataStart);
		position = put(out, position, CYCLE);
		position = putNumber(out, position, cycle);
		put(out, position, END);
		return out;
	}

	/**
	 * An instant as RFC 3339 in UTC with milliseconds: {@code 2026-06-26T12:00:00.000Z}.
	 * @param epochMillis the instant
	 * @param out where to write {@link #TIMESTAMP_LENGTH} bytes
	 * @param offset from where
	 */
	static void writeTimestamp(long epochMillis, byte[] out, int offset) {
		long dayNumber = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
		Day day = lastDay;
		if (day.number != dayNumber) {
			day = new Day(dayNumber, ascii(LocalDate.ofEpochDay(dayNumber).toString()));
			lastDay = day;
		}
		// years before 1000 or after 9999 would not be 10 characters: not a simulator's
		// clock
		System.arraycopy(day.date, 0, out, offset, 10);
		int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
		int position = offset + 10;
		out[position++] = 'T';
		position = twoDigits(out, position, millisOfDay / 3_600_000);
		out[position++] = ':';
		position = twoDigits(out, position, (millisOfDay / 60_000) % 60);
		out[position++] = ':';
		position = twoDigits(out, position, (millisOfDay / 1000) % 60);
		out[position++] = '.';
		int millis = millisOfDay % 1000;
		out[position++] = (byte) ('0' + millis / 100);
		out[position++] = (byte) ('0' + (millis / 10) % 10);
		out[position++] = (byte) ('0' + millis % 10);
		out[position] = 'Z';
	}

	private static int twoDigits(byte[] out, int position, int value) {
		out[position] = (byte) ('0' + value / 10);
		out[position + 1] = (byte) ('0' + value % 10);
		return position + 2;
	}

	private static int put(byte[] out, int position, byte[] bytes) {
		System.arraycopy(bytes, 0, out, position, bytes.length);
		return position + bytes.length;
	}

	private static int digits(long value) {
		int digits = 1;
		for (long rest = value / 10; rest > 0; rest /= 10) {
			digits++;
		}
		return digits;
	}

	private static int putNumber(byte[] out, int position, long value) {
		int end = position + digits(value);
		long rest = value;
		for (int i = end - 1; i >= position; i--) {
			out[i] = (byte) ('0' + rest % 10);
			rest /= 10;
		}
		return end;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private record Day(long number, byte[] date) {

	}

}
