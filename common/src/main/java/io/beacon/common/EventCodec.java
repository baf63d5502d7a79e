package io.beacon.common;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads ingest requests and writes and reads topic envelopes. Thread-safe; create one and
 * share it.
 */
public final class EventCodec {

	private final JsonMapper mapper;

	private final ObjectReader treeReader;

	public EventCodec() {
		this(newMapper());
	}

	public EventCodec(JsonMapper mapper) {
		this.mapper = mapper;
		this.treeReader = mapper.readerFor(JsonNode.class);
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
		JsonNode document;
		try {
			document = parse(body);
		}
		catch (JacksonException ex) {
			return ValidationResult.invalid(List.of(malformed(ex)));
		}
		return EventRules.readTransition(document, metadataSizer(body.length));
	}

	/**
	 * Read a batch from a request body: a JSON array, or one JSON object per line.
	 * @param body the request body
	 * @param ndjson whether the body is newline-delimited JSON
	 * @return the events in order, or the field errors of every bad item with its index
	 */
	public ValidationResult<List<StateTransition>> readBatch(byte[] body, boolean ndjson) {
		List<JsonNode> items;
		try {
			items = ndjson ? parseLines(body) : parseArray(body);
		}
		catch (BatchShapeException ex) {
			return ValidationResult.invalid(List.of(ex.error));
		}
		catch (JacksonException ex) {
			return ValidationResult.invalid(List.of(malformed(ex)));
		}
		if (items.isEmpty()) {
			return ValidationResult.invalid(List.of(FieldError.of(FieldError.ROOT, "must hold at least one event")));
		}
		if (items.size() > EventLimits.MAX_BATCH_SIZE) {
			return ValidationResult.invalid(List.of(FieldError.of(FieldError.ROOT,
					"must hold at most " + EventLimits.MAX_BATCH_SIZE + " events, held " + items.size())));
		}
		List<StateTransition> events = new ArrayList<>(items.size());
		List<FieldError> errors = new ArrayList<>();
		var sizer = metadataSizer(body.length);
		for (int i = 0; i < items.size(); i++) {
			ValidationResult<StateTransition> item = EventRules.readTransition(items.get(i), sizer);
			if (item instanceof ValidationResult.Valid<StateTransition> valid) {
				events.add(valid.value());
			}
			else {
				for (FieldError error : ((ValidationResult.Invalid<StateTransition>) item).errors()) {
					errors.add(error.atIndex(i));
				}
			}
		}
		return errors.isEmpty() ? ValidationResult.valid(events) : ValidationResult.invalid(errors);
	}

	/**
	 * The record value for an envelope.
	 * @param envelope the envelope
	 * @return canonical JSON, UTF-8
	 */
	public byte[] writeEnvelope(EventEnvelope envelope) {
		return this.mapper.writeValueAsBytes(envelope);
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
		JsonNode document;
		try {
			document = parse(value);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException(List.of(malformed(ex)));
		}
		ValidationResult<EventEnvelope> result = EventRules.readEnvelope(document, metadataSizer(value.length));
		if (result instanceof ValidationResult.Invalid<EventEnvelope> invalid) {
			throw new InvalidEventException(invalid.errors());
		}
		return ((ValidationResult.Valid<EventEnvelope>) result).value();
	}

	private JsonNode parse(byte[] body) {
		if (isBlank(body)) {
			throw new EmptyBodyException();
		}
		JsonNode document = this.treeReader.readValue(body);
		if (document == null || document.isMissingNode()) {
			throw new EmptyBodyException();
		}
		return document;
	}

	private List<JsonNode> parseArray(byte[] body) {
		JsonNode document = parse(body);
		if (!document.isArray()) {
			throw new BatchShapeException(FieldError.of(FieldError.ROOT,
					"must be a JSON array of events (or NDJSON with Content-Type application/x-ndjson)"));
		}
		if (document.size() > EventLimits.MAX_BATCH_SIZE) {
			throw new BatchShapeException(FieldError.of(FieldError.ROOT,
					"must hold at most " + EventLimits.MAX_BATCH_SIZE + " events, held " + document.size()));
		}
		List<JsonNode> items = new ArrayList<>(document.size());
		document.forEach(items::add);
		return items;
	}

	private List<JsonNode> parseLines(byte[] body) {
		List<JsonNode> items = new ArrayList<>();
		try (MappingIterator<JsonNode> lines = this.treeReader.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.readValues(body)) {
			while (lines.hasNextValue()) {
				if (items.size() == EventLimits.MAX_BATCH_SIZE) {
					throw new BatchShapeException(FieldError.of(FieldError.ROOT,
							"must hold at most " + EventLimits.MAX_BATCH_SIZE + " events"));
				}
				items.add(lines.nextValue());
			}
		}
		return items;
	}

	/**
	 * Sizes a metadata object by serializing it, except when the whole body is within the
	 * limit: compact serialization never grows a JSON text, so the object cannot exceed
	 * it.
	 */
	private java.util.function.ToIntFunction<ObjectNode> metadataSizer(int bodyLength) {
		if (bodyLength <= EventLimits.MAX_METADATA_BYTES) {
			return (metadata) -> 0;
		}
		return (metadata) -> this.mapper.writeValueAsBytes(metadata).length;
	}

	private static boolean isBlank(byte[] body) {
		for (byte b : body) {
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return false;
			}
		}
		return true;
	}

	private static FieldError malformed(JacksonException ex) {
		if (ex instanceof EmptyBodyException) {
			return FieldError.of(FieldError.ROOT, "request body is empty");
		}
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

	/** The body held no JSON value at all. */
	private static final class EmptyBodyException extends JacksonException {

		private static final long serialVersionUID = 1L;

		EmptyBodyException() {
			super("empty body");
		}

	}

	/** The batch body is valid JSON of the wrong shape. */
	private static final class BatchShapeException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient FieldError error;

		BatchShapeException(FieldError error) {
			super(error.message(), null, false, false);
			this.error = error;
		}

	}

}
