package io.beacon.common;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import tools.jackson.core.io.JsonStringEncoder;

/**
 * Writes envelopes as canonical JSON straight into bytes: fixed field order, instants in
 * UTC ISO-8601, metadata copied as it arrived. This is the gateway's hottest path, so no
 * generic serializer runs here.
 */
final class EnvelopeWriter {

	private static final byte[] EVENT_ID = field("{", EventRules.EVENT_ID);

	private static final byte[] AGENT_ID = field(",", EventRules.AGENT_ID);

	private static final byte[] STATUS = field(",", EventRules.STATUS);

	private static final byte[] TIMESTAMP = field(",", EventRules.TIMESTAMP);

	private static final byte[] METADATA = field(",", EventRules.METADATA);

	private static final byte[] SEQ = field(",", EventRules.SEQ);

	private static final byte[] RECEIVED_AT = field(",", EventRules.RECEIVED_AT);

	private static final byte[] GATEWAY = field(",", EventRules.GATEWAY);

	private static final byte[] NULL = ascii("null");

	/**
	 * Room for the field names, two instants and a seq, beside the strings and metadata.
	 */
	private static final int FIXED_SIZE = 200;

	private EnvelopeWriter() {
	}

	static byte[] write(EventEnvelope envelope) {
		RawJson metadata = envelope.metadata();
		int estimate = FIXED_SIZE + envelope.eventId().length() + envelope.agentId().length()
				+ envelope.status().length() + ((metadata != null) ? metadata.length() : 0);
		ByteArrayOutputStream out = new ByteArrayOutputStream(estimate);
		out.writeBytes(EVENT_ID);
		string(out, envelope.eventId());
		out.writeBytes(AGENT_ID);
		string(out, envelope.agentId());
		out.writeBytes(STATUS);
		string(out, envelope.status());
		out.writeBytes(TIMESTAMP);
		instant(out, envelope.timestamp());
		out.writeBytes(METADATA);
		if (metadata != null) {
			metadata.writeTo(out);
		}
		else {
			out.writeBytes(NULL);
		}
		out.writeBytes(SEQ);
		out.writeBytes((envelope.seq() != null) ? ascii(envelope.seq().toString()) : NULL);
		out.writeBytes(RECEIVED_AT);
		instant(out, envelope.receivedAt());
		out.writeBytes(GATEWAY);
		string(out, envelope.gateway());
		out.write('}');
		return out.toByteArray();
	}

	private static void string(ByteArrayOutputStream out, String value) {
		if (value == null) {
			out.writeBytes(NULL);
			return;
		}
		out.write('"');
		out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(value));
		out.write('"');
	}

	private static void instant(ByteArrayOutputStream out, Instant value) {
		if (value == null) {
			out.writeBytes(NULL);
			return;
		}
		out.write('"');
		out.writeBytes(ascii(value.toString()));
		out.write('"');
	}

	private static byte[] field(String before, String name) {
		return ascii(before + "\"" + name + "\":");
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
