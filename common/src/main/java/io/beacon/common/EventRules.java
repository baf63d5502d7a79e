package io.beacon.common;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The field rules of DESIGN §2, applied while streaming through one JSON object: no tree
 * is built, and {@code metadata} is kept as the bytes it arrived as. Each field reports
 * its first broken rule, in a fixed field order; unknown fields are skipped.
 */
final class EventRules {

	static final String AGENT_ID = "agent_id";

	static final String STATUS = "status";

	static final String TIMESTAMP = "timestamp";

	static final String METADATA = "metadata";

	static final String EVENT_ID = "event_id";

	static final String SEQ = "seq";

	static final String RECEIVED_AT = "received_at";

	static final String GATEWAY = "gateway";

	private static final String ALLOWED_ID_CHARACTERS = "letters A-Z a-z, digits and . _ : @ / -";

	private static final String REQUIRED = "is required";

	private EventRules() {
	}

	/**
	 * Read the object the parser stands at the start of (any other value is an error),
	 * leaving the parser on its last token.
	 * @param parser a parser on the value's first token
	 * @param source the bytes the parser reads, to keep metadata as it arrived
	 * @param metadataSize the compact serialized size of a metadata object whose raw text
	 * is over the limit
	 * @param envelope whether to read a topic envelope rather than a request
	 * @return the fields read and the rules broken
	 */
	static Fields read(JsonParser parser, byte[] source, ToIntFunction<RawJson> metadataSize, boolean envelope) {
		Fields fields = new Fields();
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			parser.skipChildren();
			fields.problems[Field.ROOT.ordinal()] = "must be a JSON object";
			return fields;
		}
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			parser.nextToken();
			switch (name) {
				case AGENT_ID -> fields.agentId = fields.string(parser, Field.AGENT_ID, EventRules::agentIdProblem);
				case STATUS -> fields.status = fields.string(parser, Field.STATUS, EventRules::statusProblem);
				case TIMESTAMP -> fields.timestamp = fields.instant(parser, Field.TIMESTAMP);
				case METADATA -> fields.metadata = fields.metadata(parser, source, metadataSize);
				case EVENT_ID -> fields.eventId = fields.string(parser, Field.EVENT_ID, EventRules::eventIdProblem);
				case SEQ -> fields.seq = fields.seq(parser);
				case RECEIVED_AT -> fields.receivedAt = envelope ? fields.instant(parser, Field.RECEIVED_AT) : null;
				case GATEWAY -> fields.gateway = envelope
						? fields.string(parser, Field.GATEWAY, EventRules::noControlCharacters) : null;
				default -> parser.skipChildren();
			}
		}
		fields.require(Field.AGENT_ID, fields.agentId);
		fields.require(Field.STATUS, fields.status);
		fields.require(Field.TIMESTAMP, fields.timestamp);
		if (envelope) {
			fields.require(Field.EVENT_ID, fields.eventId);
			fields.require(Field.RECEIVED_AT, fields.receivedAt);
		}
		return fields;
	}

	/**
	 * What is wrong with an agent id, or {@code null} when it is valid.
	 * @param agentId the candidate
	 * @return the problem, or {@code null}
	 */
	static String agentIdProblem(String agentId) {
		String lengthProblem = lengthProblem(agentId.length(), EventLimits.MAX_ID_LENGTH);
		if (lengthProblem != null) {
			return lengthProblem;
		}
		for (int i = 0; i < agentId.length(); i++) {
			char c = agentId.charAt(i);
			if (!isIdLetterOrDigit(c) && !isIdSeparator(c)) {
				int codePoint = agentId.codePointAt(i);
				return "may contain only " + ALLOWED_ID_CHARACTERS + "; found " + describe(codePoint) + " at position "
						+ i;
			}
		}
		if (isIdSeparator(agentId.charAt(0))) {
			return "must start with a letter or a digit, not '" + agentId.charAt(0) + "'";
		}
		return null;
	}

	static String statusProblem(String status) {
		String lengthProblem = lengthProblem(status.codePointCount(0, status.length()), EventLimits.MAX_STATUS_LENGTH);
		return (lengthProblem != null) ? lengthProblem : noControlCharacters(status);
	}

	static String eventIdProblem(String eventId) {
		String lengthProblem = lengthProblem(eventId.codePointCount(0, eventId.length()), EventLimits.MAX_ID_LENGTH);
		return (lengthProblem != null) ? lengthProblem : noControlCharacters(eventId);
	}

	private static String lengthProblem(int length, int max) {
		if (length == 0) {
			return "must not be empty";
		}
		if (length > max) {
			return "must be at most " + max + " characters, was " + length;
		}
		return null;
	}

	private static String noControlCharacters(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isISOControl(text.charAt(i))) {
				return "must not contain control characters; found " + describe(text.charAt(i)) + " at position " + i;
			}
		}
		return null;
	}

	private static boolean isIdLetterOrDigit(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}

	private static boolean isIdSeparator(char c) {
		return c == '.' || c == '_' || c == ':' || c == '@' || c == '/' || c == '-';
	}

	private static String describe(int codePoint) {
		String hex = String.format(Locale.ROOT, "U+%04X", codePoint);
		if (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)) {
			return hex;
		}
		return "'" + new String(Character.toChars(codePoint)) + "' (" + hex + ")";
	}

	/** The JSON type of the value the parser stands on, for messages. */
	private static String typeName(JsonToken token) {
		return switch (token) {
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case START_ARRAY -> "an array";
			case START_OBJECT -> "an object";
			default -> "null";
		};
	}

	/** The fields in the order their errors are reported. */
	enum Field {

		ROOT(FieldError.ROOT), AGENT_ID(EventRules.AGENT_ID), STATUS(EventRules.STATUS),
		TIMESTAMP(EventRules.TIMESTAMP), METADATA(EventRules.METADATA), EVENT_ID(EventRules.EVENT_ID),
		SEQ(EventRules.SEQ), RECEIVED_AT(EventRules.RECEIVED_AT), GATEWAY(EventRules.GATEWAY);

		private final String jsonName;

		Field(String jsonName) {
			this.jsonName = jsonName;
		}

	}

	/** What one object held, and which rules it broke. */
	static final class Fields {

		private static final Field[] FIELDS = Field.values();

		private final String[] problems = new String[FIELDS.length];

		String agentId;

		String status;

		Instant timestamp;

		RawJson metadata;

		String eventId;

		Long seq;

		Instant receivedAt;

		String gateway;

		boolean isValid() {
			for (String problem : this.problems) {
				if (problem != null) {
					return false;
				}
			}
			return true;
		}

		List<FieldError> errors() {
			List<FieldError> errors = new ArrayList<>(2);
			for (Field field : FIELDS) {
				String problem = this.problems[field.ordinal()];
				if (problem != null) {
					errors.add(FieldError.of(field.jsonName, problem));
				}
			}
			return errors;
		}

		StateTransition transition() {
			return new StateTransition(this.agentId, this.status, this.timestamp, this.metadata, this.eventId,
					this.seq);
		}

		EventEnvelope envelope() {
			return new EventEnvelope(this.eventId, this.agentId, this.status, this.timestamp, this.metadata, this.seq,
					this.receivedAt, this.gateway);
		}

		private void require(Field field, Object value) {
			if (value == null && this.problems[field.ordinal()] == null) {
				this.problems[field.ordinal()] = REQUIRED;
			}
		}

		private <T> T fail(JsonParser parser, Field field, String problem) {
			parser.skipChildren();
			this.problems[field.ordinal()] = problem;
			return null;
		}

		private String string(JsonParser parser, Field field, Function<String, String> rule) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.VALUE_NULL) {
				return null;
			}
			if (token != JsonToken.VALUE_STRING) {
				return fail(parser, field, "must be a string, not " + typeName(token));
			}
			String text = parser.getString();
			String problem = rule.apply(text);
			return (problem != null) ? fail(parser, field, problem) : text;
		}

		private Instant instant(JsonParser parser, Field field) {
			String text = string(parser, field, (candidate) -> null);
			if (text == null) {
				return null;
			}
			Instant instant = Timestamps.parse(text);
			return (instant != null) ? instant : fail(parser, field, Timestamps.problem(text));
		}

		private RawJson metadata(JsonParser parser, byte[] source, ToIntFunction<RawJson> compactSize) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.VALUE_NULL) {
				return null;
			}
			if (token != JsonToken.START_OBJECT) {
				return fail(parser, Field.METADATA, "must be a JSON object, not " + typeName(token));
			}
			int start = (int) parser.currentTokenLocation().getByteOffset();
			parser.skipChildren();
			int end = (int) parser.currentLocation().getByteOffset();
			RawJson metadata = new RawJson(Arrays.copyOfRange(source, start, end));
			// the raw text only outgrows the compact form by white space and escapes
			if (metadata.length() > EventLimits.MAX_METADATA_BYTES) {
				int size = compactSize.applyAsInt(metadata);
				if (size > EventLimits.MAX_METADATA_BYTES) {
					return fail(parser, Field.METADATA, "must be at most " + EventLimits.MAX_METADATA_BYTES
							+ " bytes when serialized, was " + size);
				}
			}
			return metadata;
		}

		private Long seq(JsonParser parser) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.VALUE_NULL) {
				return null;
			}
			if (token == JsonToken.VALUE_NUMBER_FLOAT) {
				return fail(parser, Field.SEQ, "must be an integer, was " + parser.getString());
			}
			if (token != JsonToken.VALUE_NUMBER_INT) {
				return fail(parser, Field.SEQ, "must be an integer, not " + typeName(token));
			}
			if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
				return fail(parser, Field.SEQ, "must be at most " + Long.MAX_VALUE);
			}
			long seq = parser.getLongValue();
			return (seq < 0) ? fail(parser, Field.SEQ, "must be 0 or more, was " + seq) : seq;
		}

	}

}
