package io.beacon.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads ingest requests and writes and reads topic envelopes. Requests are read as a
 * token stream straight into events, with {@code metadata} kept as the bytes it arrived
 * as; no tree is built. Thread-safe; create one and share it.
 */
public final class EventCodec {

	private final JsonMapper mapper;

	private final ToIntFunction<RawJson> compactSize;

	public EventCodec() {
		this(newMapper());
	}

	public EventCodec(JsonMapper mapper) {
		this.mapper = mapper;
		this.compactSize = (raw) -> this.mapper.writeValueAsBytes(this.mapper.readTree(raw.toByteArray())).length;
	}

	/**
	 * The JSON mapper every service should use for events: strict about duplicate keys,
	 * trailing garbage and nesting depth, ISO-8601 instants.
	 * @return a new mapper
	 */
	public static JsonMapper newMapper() {
		JsonFactory factory = JsonFactory.builder()
			.streamReadConstraints(
					StreamReadConstraints.builder().maxNestingDepth(EventLimits.MAX_NESTING_DEPTH).build())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build();
		return JsonMapper.builder(factory)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.build();
	}

	public JsonMapper mapper() {
		return this.mapper;
	}

	/**
	 * Read one event from a request body.
	 * @param body the request body, JSON
	 * @return the event, or the field errors
	 */
	public ValidationResult<StateTransition> readEvent(byte[] body) {
		return readDocument(body, false, "request body is empty", EventRules.Fields::transition);
	}

	/**
	 * Read a batch from a request body: a JSON array, or one JSON object per line.
	 * @param body the request body
	 * @param ndjson whether the body is newline-delimited JSON
	 * @return the events in order, or the field errors of every bad item with its index
	 */
	public ValidationResult<List<StateTransition>> readBatch(byte[] body, boolean ndjson) {
		List<StateTransition> events = new ArrayList<>();
		List<FieldError> errors = new ArrayList<>();
		try (JsonParser parser = this.mapper.createParser(body)) {
			JsonToken first = parser.nextToken();
			if (!ndjson && first == null) {
				return ValidationResult.invalid(List.of(FieldError.of(FieldError.ROOT, "request body is empty")));
			}
			if (!ndjson && first != JsonToken.START_ARRAY) {
				return ValidationResult.invalid(List.of(FieldError.of(FieldError.ROOT,
						"must be a JSON array of events (or NDJSON with Content-Type application/x-ndjson)")));
			}
			JsonToken token = ndjson ? first : parser.nextToken();
			int index = 0;
			while (token != null && token != JsonToken.END_ARRAY) {
				if (index == EventLimits.MAX_BATCH_SIZE) {
					return ValidationResult.invalid(List.of(FieldError.of(FieldError.ROOT,
							"must hold at most " + EventLimits.MAX_BATCH_SIZE + " events")));
				}
				EventRules.Fields fields = EventRules.read(parser, body, this.compactSize, false);
				if (fields.isValid()) {
					events.add(fields.transition());
				}
				else {
					for (FieldError error : fields.errors()) {
						errors.add(error.atIndex(index));
					}
				}
				index++;
				token = parser.nextToken();
			}
			if (!ndjson && (token == null || parser.nextToken() != null)) {
				return ValidationResult.invalid(List
					.of((token == null) ? FieldError.of(FieldError.ROOT, "malformed JSON: the array is not closed")
							: trailingContent(parser)));
			}
		}
		catch (JacksonException ex) {
			return ValidationResult.invalid(List.of(malformed(ex)));
		}
		if (events.isEmpty() && errors.isEmpty()) {
			return ValidationResult.invalid(List.of(FieldError.of(FieldError.ROOT, "must hold at least one event")));
		}
		return errors.isEmpty() ? ValidationResult.valid(events) : ValidationResult.invalid(errors);
	}

	/**
	 * The record value for an envelope.
	 * @param envelope the envelope
	 * @return canonical JSON, UTF-8
	 */
	public byte[] writeEnvelope(EventEnvelope envelope) {
		return EnvelopeWriter.write(envelope);
	}

	/**
	 * Read a record value from the topic.
	 * @param value the record value
	 * @return the envelope
	 * @throws InvalidEventException when the value is not a valid envelope
	 */
	public EventEnvelope readEnvelope(byte[] value) {
		if (value == null) {
			throw new InvalidEventException(List.of(FieldError.of(FieldError.ROOT, "record has no value")));
		}
		ValidationResult<EventEnvelope> result = readDocument(value, true, "record value is empty",
				EventRules.Fields::envelope);
		if (result instanceof ValidationResult.Invalid<EventEnvelope> invalid) {
			throw new InvalidEventException(invalid.errors());
		}
		return ((ValidationResult.Valid<EventEnvelope>) result).value();
	}

	/**
	 * Read a document that must hold exactly one object: a request or a record value.
	 * @param json the document
	 * @param envelope whether it is a topic envelope rather than a request
	 * @param whenEmpty the message for a document without any value
	 * @param value what to make of the fields when every rule holds
	 * @return the value, or what is wrong with the document
	 */
	private <T> ValidationResult<T> readDocument(byte[] json, boolean envelope, String whenEmpty,
			Function<EventRules.Fields, T> value) {
		try (JsonParser parser = this.mapper.createParser(json)) {
			if (parser.nextToken() == null) {
				return ValidationResult.invalid(List.of(FieldError.of(FieldError.ROOT, whenEmpty)));
			}
			EventRules.Fields fields = EventRules.read(parser, json, this.compactSize, envelope);
			if (parser.nextToken() != null) {
				return ValidationResult.invalid(List.of(trailingContent(parser)));
			}
			return fields.isValid() ? ValidationResult.valid(value.apply(fields))
					: ValidationResult.invalid(fields.errors());
		}
		catch (JacksonException ex) {
			return ValidationResult.invalid(List.of(malformed(ex)));
		}
	}

	private static FieldError trailingContent(JsonParser parser) {
		TokenStreamLocation location = parser.currentTokenLocation();
		return FieldError.of(FieldError.ROOT, "malformed JSON at line " + location.getLineNr() + ", column "
				+ location.getColumnNr() + ": content after the end of the document");
	}

	private static FieldError malformed(JacksonException ex) {
		if (ex instanceof StreamConstraintsException) {
			return FieldError.of(FieldError.ROOT,
					"malformed JSON: nested deeper than " + EventLimits.MAX_NESTING_DEPTH + " levels or too large");
		}
		StringBuilder message = new StringBuilder("malformed JSON");
		TokenStreamLocation location = ex.getLocation();
		if (location != null && location.getLineNr() > 0) {
			message.append(" at line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
		}
		String reason = ex.getOriginalMessage();
		if (reason != null && !reason.isBlank()) {
			message.append(": ").append(firstLine(reason));
		}
		return FieldError.of(FieldError.ROOT, message.toString());
	}

	private static String firstLine(String text) {
		int newline = text.indexOf('\n');
		return (newline < 0) ? text : text.substring(0, newline);
	}

}
