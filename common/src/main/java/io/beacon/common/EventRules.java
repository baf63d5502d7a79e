package io.beacon.common;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The field rules of DESIGN §2, applied to a parsed JSON document. Each field reports its
 * first broken rule; unknown fields are ignored.
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

	/** RFC 3339 allows lower-case {@code t} and {@code z}; the zone is mandatory. */
	private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder().parseCaseInsensitive()
		.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
		.appendOffsetId()
		.toFormatter(Locale.ROOT)
		.withChronology(IsoChronology.INSTANCE)
		.withResolverStyle(ResolverStyle.STRICT);

	private static final String ALLOWED_ID_CHARACTERS = "letters A-Z a-z, digits and . _ : @ / -";

	private EventRules() {
	}

	/**
	 * Read an ingest request.
	 * @param document the parsed request
	 * @param metadataSize the serialized size of a metadata object
	 * @return the transition or what is wrong with it
	 */
	static ValidationResult<StateTransition> readTransition(JsonNode document, ToIntFunction<ObjectNode> metadataSize) {
		if (document == null || !document.isObject()) {
			return ValidationResult.invalid(List.of(FieldError.of(FieldError.ROOT, "must be a JSON object")));
		}
		Fields fields = new Fields(document);
		String agentId = fields.requiredString(AGENT_ID, EventRules::agentIdProblem);
		String status = fields.requiredString(STATUS, EventRules::statusProblem);
		Instant timestamp = fields.requiredInstant(TIMESTAMP);
		ObjectNode metadata = fields.optionalMetadata(metadataSize);
		String eventId = fields.optionalString(EVENT_ID, EventRules::eventIdProblem);
		Long seq = fields.optionalSeq();
		if (!fields.errors.isEmpty()) {
			return ValidationResult.invalid(fields.errors);
		}
		return ValidationResult.valid(new StateTransition(agentId, status, timestamp, metadata, eventId, seq));
	}

	/**
	 * Read a record value from the topic: the request rules plus the fields the gateway
	 * adds.
	 * @param document the parsed record value
	 * @param metadataSize the serialized size of a metadata object
	 * @return the envelope or what is wrong with it
	 */
	static ValidationResult<EventEnvelope> readEnvelope(JsonNode document, ToIntFunction<ObjectNode> metadataSize) {
		ValidationResult<StateTransition> transition = readTransition(document, metadataSize);
		List<FieldError> errors = new ArrayList<>();
		if (transition instanceof ValidationResult.Invalid<StateTransition> invalid) {
			if (document == null || !document.isObject()) {
				return ValidationResult.invalid(invalid.errors());
			}
			errors.addAll(invalid.errors());
		}
		Fields fields = new Fields(document);
		fields.requiredString(EVENT_ID, EventRules::eventIdProblem);
		Instant receivedAt = fields.requiredInstant(RECEIVED_AT);
		String gateway = fields.optionalString(GATEWAY, EventRules::noControlCharacters);
		errors.addAll(fields.errors);
		if (!errors.isEmpty()) {
			return ValidationResult.invalid(errors);
		}
		StateTransition valid = ((ValidationResult.Valid<StateTransition>) transition).value();
		return ValidationResult.valid(valid.toEnvelope(valid.eventId(), receivedAt, gateway));
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

	private static String typeName(JsonNode value) {
		if (value.isString()) {
			return "a string";
		}
		if (value.isNumber()) {
			return "a number";
		}
		if (value.isBoolean()) {
			return "a boolean";
		}
		if (value.isArray()) {
			return "an array";
		}
		return value.isObject() ? "an object" : "something else";
	}

	/** Collects one error per field while reading the document's fields. */
	private static final class Fields {

		private final JsonNode document;

		private final List<FieldError> errors = new ArrayList<>(2);

		Fields(JsonNode document) {
			this.document = document;
		}

		String requiredString(String field, java.util.function.Function<String, String> rule) {
			JsonNode value = this.document.get(field);
			if (value == null || value.isNull()) {
				return fail(field, "is required");
			}
			return checkedString(field, value, rule);
		}

		String optionalString(String field, java.util.function.Function<String, String> rule) {
			JsonNode value = this.document.get(field);
			if (value == null || value.isNull()) {
				return null;
			}
			return checkedString(field, value, rule);
		}

		Instant requiredInstant(String field) {
			String text = requiredString(field, (candidate) -> null);
			if (text == null) {
				return null;
			}
			try {
				return OffsetDateTime.parse(text, RFC_3339).toInstant();
			}
			catch (DateTimeParseException ex) {
				if (hasNoZone(text)) {
					return fail(field, "must have a zone: add Z or an offset such as +02:00 (RFC 3339)");
				}
				return fail(field, "must be an RFC 3339 timestamp with a zone, such as 2026-06-26T12:00:00Z");
			}
		}

		ObjectNode optionalMetadata(ToIntFunction<ObjectNode> metadataSize) {
			JsonNode value = this.document.get(METADATA);
			if (value == null || value.isNull()) {
				return null;
			}
			if (!(value instanceof ObjectNode metadata)) {
				return fail(METADATA, "must be a JSON object, not " + typeName(value));
			}
			int size = metadataSize.applyAsInt(metadata);
			if (size > EventLimits.MAX_METADATA_BYTES) {
				return fail(METADATA,
						"must be at most " + EventLimits.MAX_METADATA_BYTES + " bytes when serialized, was " + size);
			}
			return metadata;
		}

		Long optionalSeq() {
			JsonNode value = this.document.get(SEQ);
			if (value == null || value.isNull()) {
				return null;
			}
			if (!value.isNumber()) {
				return fail(SEQ, "must be an integer, not " + typeName(value));
			}
			if (!value.isIntegralNumber()) {
				return fail(SEQ, "must be an integer, was " + value);
			}
			if (!value.canConvertToLong()) {
				return fail(SEQ, "must be at most " + Long.MAX_VALUE);
			}
			long seq = value.longValue();
			if (seq < 0) {
				return fail(SEQ, "must be 0 or more, was " + seq);
			}
			return seq;
		}

		private String checkedString(String field, JsonNode value, java.util.function.Function<String, String> rule) {
			if (!value.isString()) {
				return fail(field, "must be a string, not " + typeName(value));
			}
			String text = value.stringValue();
			String problem = rule.apply(text);
			return (problem != null) ? fail(field, problem) : text;
		}

		private <T> T fail(String field, String message) {
			this.errors.add(FieldError.of(field, message));
			return null;
		}

		private static boolean hasNoZone(String text) {
			try {
				LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
				return true;
			}
			catch (DateTimeParseException ex) {
				return false;
			}
		}

	}

}
