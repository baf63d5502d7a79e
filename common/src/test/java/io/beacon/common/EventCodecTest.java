package io.beacon.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventCodecTest {

	private static final String VALID = """
			{"agent_id":"agent-001","status":"running","timestamp":"2026-06-26T12:00:00Z",
			 "metadata":{"task":"web_search"},"event_id":"e-1","seq":42}""";

	private final EventCodec codec = new EventCodec();

	@Test
	void readsEveryFieldOfAValidEvent() {
		StateTransition event = valid(VALID);
		assertThat(event.agentId()).isEqualTo("agent-001");
		assertThat(event.status()).isEqualTo("running");
		assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-06-26T12:00:00Z"));
		assertThat(event.metadata()).hasToString("{\"task\":\"web_search\"}");
		assertThat(event.eventId()).isEqualTo("e-1");
		assertThat(event.seq()).isEqualTo(42L);
	}

	@Test
	void optionalFieldsMayBeAbsentOrNull() {
		StateTransition absent = valid(
				"{\"agent_id\":\"a\",\"status\":\"idle\",\"timestamp\":\"2026-06-26T12:00:00Z\"}");
		StateTransition nulls = valid("""
				{"agent_id":"a","status":"idle","timestamp":"2026-06-26T12:00:00Z",
				 "metadata":null,"event_id":null,"seq":null}""");
		for (StateTransition event : List.of(absent, nulls)) {
			assertThat(event.metadata()).isNull();
			assertThat(event.eventId()).isNull();
			assertThat(event.seq()).isNull();
		}
	}

	@Test
	void ignoresUnknownFields() {
		StateTransition event = valid(
				"""
						{"agent_id":"a","status":"idle","timestamp":"2026-06-26T12:00:00Z","colour":"blue","nested":{"x":[1]}}""");
		assertThat(event.agentId()).isEqualTo("a");
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("brokenRules")
	void reportsTheBrokenRuleOfAField(String description, String body, String field, String messagePart) {
		List<FieldError> errors = invalid(body);
		assertThat(errors).as(description).anySatisfy((error) -> {
			assertThat(error.field()).isEqualTo(field);
			assertThat(error.message()).contains(messagePart);
		});
	}

	static Stream<Arguments> brokenRules() {
		return Stream.of(
				// agent_id
				broken("agent_id missing", without("agent_id"), "agent_id", "is required"),
				broken("agent_id null", with("agent_id", "null"), "agent_id", "is required"),
				broken("agent_id empty", with("agent_id", "\"\""), "agent_id", "must not be empty"),
				broken("agent_id 129 chars", with("agent_id", quoted("a".repeat(129))), "agent_id",
						"at most 128 characters, was 129"),
				broken("agent_id unicode", with("agent_id", quoted("agent-é")), "agent_id",
						"'é' (U+00E9) at position 6"),
				broken("agent_id emoji", with("agent_id", quoted("bot🤖")), "agent_id", "may contain only"),
				broken("agent_id space", with("agent_id", quoted("agent 1")), "agent_id", "U+0020 at position 5"),
				broken("agent_id leading separator", with("agent_id", quoted("-agent")), "agent_id",
						"must start with a letter or a digit"),
				broken("agent_id leading slash", with("agent_id", quoted("/agent")), "agent_id",
						"must start with a letter or a digit"),
				broken("agent_id number", with("agent_id", "42"), "agent_id", "must be a string, not a number"),
				broken("agent_id object", with("agent_id", "{}"), "agent_id", "must be a string, not an object"),
				// status
				broken("status missing", without("status"), "status", "is required"),
				broken("status empty", with("status", "\"\""), "status", "must not be empty"),
				broken("status 65 chars", with("status", quoted("s".repeat(65))), "status",
						"at most 64 characters, was 65"),
				broken("status control character", with("status", quoted("run\\u0007ning")), "status",
						"control characters"),
				broken("status newline", with("status", quoted("run\\nning")), "status", "U+000A at position 3"),
				broken("status boolean", with("status", "true"), "status", "must be a string, not a boolean"),
				// timestamp
				broken("timestamp missing", without("timestamp"), "timestamp", "is required"),
				broken("timestamp without zone", with("timestamp", quoted("2026-06-26T12:00:00")), "timestamp",
						"must have a zone"),
				broken("timestamp date only", with("timestamp", quoted("2026-06-26")), "timestamp", "RFC 3339"),
				broken("timestamp epoch number", with("timestamp", "1782475200"), "timestamp",
						"must be a string, not a number"),
				broken("timestamp impossible date", with("timestamp", quoted("2026-02-30T12:00:00Z")), "timestamp",
						"RFC 3339"),
				broken("timestamp garbage", with("timestamp", quoted("yesterday")), "timestamp", "RFC 3339"),
				// metadata
				broken("metadata array", with("metadata", "[1,2]"), "metadata", "must be a JSON object, not an array"),
				broken("metadata string", with("metadata", "\"{}\""), "metadata",
						"must be a JSON object, not a string"),
				broken("metadata number", with("metadata", "7"), "metadata", "must be a JSON object, not a number"),
				broken("metadata over 16 KiB", with("metadata", metadataOfSize(16 * 1024 + 1)), "metadata",
						"at most 16384 bytes when serialized, was 16385"),
				// event_id
				broken("event_id empty", with("event_id", "\"\""), "event_id", "must not be empty"),
				broken("event_id 129 chars", with("event_id", quoted("e".repeat(129))), "event_id",
						"at most 128 characters, was 129"),
				broken("event_id number", with("event_id", "12"), "event_id", "must be a string, not a number"),
				broken("event_id control", with("event_id", quoted("e\\u0000")), "event_id", "control characters"),
				// seq
				broken("seq as string", with("seq", "\"42\""), "seq", "must be an integer, not a string"),
				broken("seq negative", with("seq", "-1"), "seq", "must be 0 or more, was -1"),
				broken("seq fraction", with("seq", "1.5"), "seq", "must be an integer, was 1.5"),
				broken("seq beyond 64 bits", with("seq", "92233720368547758070"), "seq", "must be at most"),
				broken("seq boolean", with("seq", "false"), "seq", "must be an integer, not a boolean"),
				// the document itself
				broken("not an object", "[1,2,3]", "$", "must be a JSON object"),
				broken("a bare string", "\"hello\"", "$", "must be a JSON object"),
				broken("malformed", "{\"agent_id\":", "$", "malformed JSON"),
				broken("trailing garbage", VALID + " xyz", "$", "malformed JSON"),
				broken("two documents", VALID + VALID, "$", "malformed JSON"),
				broken("duplicate key", "{\"agent_id\":\"a\",\"agent_id\":\"b\"}", "$", "malformed JSON"),
				broken("empty body", "", "$", "request body is empty"),
				broken("whitespace body", "  \n ", "$", "request body is empty"),
				broken("deeply nested metadata", with("metadata", nested(200)), "$", "nested deeper than 64"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "A", "7", "agent-001", "team.alpha/worker_3", "user@host:1", "x-", "9.9.9" })
	void acceptsAgentIdsFromTheAllowedCharacters(String agentId) {
		assertThat(valid(with("agent_id", quoted(agentId))).agentId()).isEqualTo(agentId);
	}

	@Test
	void acceptsIdsOfExactly128Characters() {
		String id = "a".repeat(128);
		StateTransition event = valid(with("agent_id", quoted(id)).replace("\"e-1\"", quoted(id)));
		assertThat(event.agentId()).hasSize(128);
		assertThat(event.eventId()).hasSize(128);
	}

	@Test
	void countsEventIdAndStatusLengthInCharactersNotBytes() {
		String eventId = "é".repeat(128);
		String status = "ü".repeat(64);
		StateTransition event = valid(with("event_id", quoted(eventId)).replace("\"running\"", quoted(status)));
		assertThat(event.eventId()).isEqualTo(eventId);
		assertThat(event.status()).isEqualTo(status);
	}

	@Test
	void acceptsOtherStatusesThanTheCommonOnes() {
		assertThat(valid(with("status", quoted("Thinking hard…"))).status()).isEqualTo("Thinking hard…");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-06-26T14:00:00+02:00", "2026-06-26T07:00:00-05:00", "2026-06-26t12:00:00z",
			"2026-06-26T12:00:00.000Z", "2026-06-26T12:00:00+00:00" })
	void normalisesTimestampsInOtherOffsetsToTheSameInstant(String timestamp) {
		assertThat(valid(with("timestamp", quoted(timestamp))).timestamp())
			.isEqualTo(Instant.parse("2026-06-26T12:00:00Z"));
	}

	@Test
	void keepsSubSecondPrecision() {
		assertThat(valid(with("timestamp", quoted("2026-06-26T12:00:00.123456789Z"))).timestamp().getNano())
			.isEqualTo(123456789);
	}

	@Test
	void acceptsMetadataOfExactly16KiB() {
		StateTransition event = valid(with("metadata", metadataOfSize(16 * 1024)));
		assertThat(event.metadata().length()).isEqualTo(16 * 1024);
	}

	@Test
	void measuresMetadataCompactSoWhiteSpaceDoesNotCount() {
		String pretty = metadataOfSize(16 * 1024 - 2).replace("{", "{\n  ").replace("}", "\n}");
		StateTransition event = valid(with("metadata", pretty));
		assertThat(event.metadata()).as("kept as it arrived").hasToString(pretty);
	}

	@Test
	void keepsMetadataAsItArrived() {
		String metadata = "{\"b\": [1, 2.50, {\"c\": null}], \"a\": \"\\u00e9\"}";
		assertThat(valid(with("metadata", metadata)).metadata()).hasToString(metadata);
	}

	@Test
	void acceptsNestedMetadataWithinTheDepthLimit() {
		assertThat(valid(with("metadata", nested(60))).metadata()).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "9223372036854775807" })
	void acceptsSeqAtItsBounds(String seq) {
		assertThat(valid(with("seq", seq)).seq()).isEqualTo(Long.parseLong(seq));
	}

	@Test
	void reportsEveryBrokenFieldAtOnce() {
		List<FieldError> errors = invalid("{\"agent_id\":\"\",\"status\":1,\"seq\":-2}");
		assertThat(errors).extracting(FieldError::field).containsExactly("agent_id", "status", "timestamp", "seq");
		assertThat(errors).allSatisfy((error) -> assertThat(error.index()).isNull());
	}

	@Test
	void malformedJsonSaysWhereWithoutInternals() {
		FieldError error = invalid("{\"agent_id\": x}").get(0);
		assertThat(error.message()).startsWith("malformed JSON at line 1, column ")
			.doesNotContain("tools.jackson")
			.doesNotContain("Exception");
	}

	@Test
	void readsABatchFromAJsonArrayInOrder() {
		String body = "[" + with("agent_id", quoted("a1")) + "," + with("agent_id", quoted("a2")) + "]";
		List<StateTransition> events = validBatch(body, false);
		assertThat(events).extracting(StateTransition::agentId).containsExactly("a1", "a2");
	}

	@Test
	void readsABatchFromNdjsonSkippingBlankLines() {
		String body = with("agent_id", quoted("a1")).replace("\n", " ") + "\n\n"
				+ with("agent_id", quoted("a2")).replace("\n", " ") + "\n";
		assertThat(validBatch(body, true)).extracting(StateTransition::agentId).containsExactly("a1", "a2");
	}

	@Test
	void listsEveryBadItemOfABatchByIndex() {
		String body = "[" + VALID + "," + without("status") + "," + VALID + "," + with("seq", "\"x\"") + "]";
		List<FieldError> errors = invalidBatch(body, false);
		assertThat(errors).extracting(FieldError::index, FieldError::field)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, "status"),
					org.assertj.core.groups.Tuple.tuple(3, "seq"));
	}

	@Test
	void rejectsBatchesOfTheWrongShapeOrSize() {
		assertThat(invalidBatch(VALID, false).get(0).message()).contains("must be a JSON array");
		assertThat(invalidBatch("[]", false).get(0).message()).contains("at least one event");
		assertThat(invalidBatch("", true).get(0).message()).contains("at least one event");
		String tooMany = "[" + String.join(",", java.util.Collections.nCopies(1001, VALID)) + "]";
		assertThat(invalidBatch(tooMany, false).get(0).message()).contains("at most 1000 events");
		String tooManyLines = String.join("\n", java.util.Collections.nCopies(1001, VALID.replace("\n", "")));
		assertThat(invalidBatch(tooManyLines, true).get(0).message()).contains("at most 1000 events");
	}

	@Test
	void acceptsABatchOfExactly1000() {
		String body = "[" + String.join(",", java.util.Collections.nCopies(1000, VALID)) + "]";
		assertThat(validBatch(body, false)).hasSize(1000);
	}

	@Test
	void reportsMalformedNdjsonLine() {
		String body = VALID.replace("\n", "") + "\n{oops\n";
		assertThat(invalidBatch(body, true).get(0).message()).startsWith("malformed JSON at line 2");
	}

	@Test
	void envelopeRoundTripsAsCanonicalJson() {
		StateTransition event = valid(with("timestamp", quoted("2026-06-26T14:00:00+02:00")));
		Instant receivedAt = Instant.parse("2026-06-26T12:00:01.5Z");
		EventEnvelope envelope = event.toEnvelope("ignored", receivedAt, "gw-8010");
		byte[] json = this.codec.writeEnvelope(envelope);
		assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(
				"{\"event_id\":\"e-1\",\"agent_id\":\"agent-001\",\"status\":\"running\",\"timestamp\":\"2026-06-26T12:00:00Z\","
						+ "\"metadata\":{\"task\":\"web_search\"},\"seq\":42,\"received_at\":\"2026-06-26T12:00:01.500Z\","
						+ "\"gateway\":\"gw-8010\"}");
		assertThat(this.codec.readEnvelope(json)).isEqualTo(envelope);
	}

	@Test
	void envelopeTakesTheAssignedIdWhenTheClientSentNone() {
		StateTransition event = valid(without("event_id"));
		EventEnvelope envelope = event.toEnvelope("assigned", Instant.EPOCH, "gw");
		assertThat(envelope.eventId()).isEqualTo("assigned");
		assertThat(this.codec.readEnvelope(this.codec.writeEnvelope(envelope)).eventId()).isEqualTo("assigned");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "{}", "[]",
			"{\"agent_id\":\"a\",\"status\":\"s\",\"timestamp\":\"2026-06-26T12:00:00Z\"}" })
	void rejectsRecordValuesThatAreNotEnvelopes(String value) {
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> this.codec.readEnvelope(value.getBytes(StandardCharsets.UTF_8)))
			.satisfies((ex) -> assertThat(ex.errors()).isNotEmpty());
	}

	@Test
	void rejectsARecordWithoutValue() {
		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> this.codec.readEnvelope(null))
			.withMessageContaining("no value");
	}

	private StateTransition valid(String body) {
		ValidationResult<StateTransition> result = this.codec.readEvent(body.getBytes(StandardCharsets.UTF_8));
		assertThat(result).as("valid: %s", result).isInstanceOf(ValidationResult.Valid.class);
		return ((ValidationResult.Valid<StateTransition>) result).value();
	}

	private List<FieldError> invalid(String body) {
		ValidationResult<StateTransition> result = this.codec.readEvent(body.getBytes(StandardCharsets.UTF_8));
		assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
		return ((ValidationResult.Invalid<StateTransition>) result).errors();
	}

	private List<StateTransition> validBatch(String body, boolean ndjson) {
		var result = this.codec.readBatch(body.getBytes(StandardCharsets.UTF_8), ndjson);
		assertThat(result).as("valid: %s", result).isInstanceOf(ValidationResult.Valid.class);
		return ((ValidationResult.Valid<List<StateTransition>>) result).value();
	}

	private List<FieldError> invalidBatch(String body, boolean ndjson) {
		var result = this.codec.readBatch(body.getBytes(StandardCharsets.UTF_8), ndjson);
		assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
		return ((ValidationResult.Invalid<List<StateTransition>>) result).errors();
	}

	private static Arguments broken(String description, String body, String field, String messagePart) {
		return Arguments.of(description, body, field, messagePart);
	}

	/** The valid event with one field's JSON value replaced (or added). */
	private static String with(String field, String json) {
		String withoutField = without(field);
		return withoutField.substring(0, withoutField.lastIndexOf('}')) + ",\"" + field + "\":" + json + "}";
	}

	private static String without(String field) {
		return VALID.replaceAll("\"" + field + "\":(\"[^\"]*\"|\\{[^}]*\\}|\\d+),?", "").replace(",}", "}");
	}

	private static String quoted(String text) {
		return "\"" + text + "\"";
	}

	/** A metadata object whose compact serialization is exactly {@code bytes} long. */
	private static String metadataOfSize(int bytes) {
		String frame = "{\"pad\":\"\"}";
		return "{\"pad\":\"" + "x".repeat(bytes - frame.length()) + "\"}";
	}

	private static String nested(int depth) {
		return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
	}

}
