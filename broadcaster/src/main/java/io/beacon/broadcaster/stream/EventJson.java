package io.beacon.broadcaster.stream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.beacon.common.EventEnvelope;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Builds the JSON clients receive for an event, once per event: the envelope as read from
 * the topic with the record's place in it, and the agent's state without the metadata.
 */
public final class EventJson {

	private static final int STATE_FIXED_SIZE = 192;

	private EventJson() {
	}

	/**
	 * The event as clients see it.
	 * @param envelope the event
	 * @param json the envelope as a JSON object (the record's value)
	 * @param partition the record's partition
	 * @param offset the record's offset
	 * @return the event, ready to share between clients
	 */
	public static LiveEvent liveEvent(EventEnvelope envelope, byte[] json, int partition, long offset) {
		byte[] place = ascii(",\"partition\":" + partition + ",\"offset\":" + offset + "}");
		int end = lastBrace(json);
		byte[] event = new byte[end + place.length];
		System.arraycopy(json, 0, event, 0, end);
		System.arraycopy(place, 0, event, end, place.length);
		return new LiveEvent(envelope.agentId(), envelope.status(), envelope.receivedAt().toEpochMilli(), event,
				state(envelope, partition, offset));
	}

	private static AgentEntry state(EventEnvelope envelope, int partition, long offset) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(STATE_FIXED_SIZE + envelope.agentId().length()
				+ envelope.status().length() + envelope.eventId().length());
		out.writeBytes(ascii("{\"agent_id\":"));
		string(out, envelope.agentId());
		out.writeBytes(ascii(",\"status\":"));
		string(out, envelope.status());
		out.writeBytes(ascii(",\"timestamp\":"));
		instant(out, envelope.timestamp());
		out.writeBytes(ascii(",\"seq\":" + envelope.seq() + ",\"event_id\":"));
		string(out, envelope.eventId());
		out.writeBytes(ascii(",\"received_at\":"));
		instant(out, envelope.receivedAt());
		out.writeBytes(ascii(",\"partition\":" + partition + ",\"offset\":" + offset + "}"));
		return new AgentEntry(envelope.agentId(), envelope.status(), envelope.seq(), out.toByteArray());
	}

	/**
	 * A JSON string.
	 * @param out where to write it
	 * @param value the string
	 */
	static void string(ByteArrayOutputStream out, String value) {
		out.write('"');
		out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(value));
		out.write('"');
	}

	private static void instant(ByteArrayOutputStream out, Instant instant) {
		out.write('"');
		out.writeBytes(ascii(instant.toString()));
		out.write('"');
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static int lastBrace(byte[] json) {
		for (int i = json.length - 1; i >= 0; i--) {
			if (json[i] == '}') {
				return i;
			}
		}
		throw new IllegalArgumentException("not a JSON object");
	}

}
