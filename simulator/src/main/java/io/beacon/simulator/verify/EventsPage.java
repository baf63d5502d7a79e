package io.beacon.simulator.verify;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a page of the archiver's {@code GET /events} as a token stream, row by row: a
 * page holds up to 10,000 rows, and no tree of them is built.
 */
final class EventsPage {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private EventsPage() {
	}

	/**
	 * Read a page.
	 * @param body {@code {"events":[…],"limit":…,"next_since_id":…}}
	 * @param rows given each row
	 * @return how many rows the page held, and where the next page starts
	 * @throws IllegalArgumentException when the body is not such a page
	 */
	static Result read(byte[] body, RowHandler rows) {
		try (JsonParser parser = MAPPER.createParser(body)) {
			expect(parser.nextToken() == JsonToken.START_OBJECT, "not a JSON object");
			int count = 0;
			long next = -1;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if (name.equals("events")) {
					expect(value == JsonToken.START_ARRAY, "events is not an array");
					while (parser.nextToken() == JsonToken.START_OBJECT) {
						row(parser, rows);
						count++;
					}
				}
				else if (name.equals("next_since_id") && value == JsonToken.VALUE_NUMBER_INT) {
					next = parser.getLongValue();
				}
				else {
					parser.skipChildren();
				}
			}
			expect(next >= 0, "no next_since_id");
			return new Result(count, next);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("the archiver's /events answer is not JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

	private static void row(JsonParser parser, RowHandler rows) {
		long id = -1;
		String eventId = null;
		String agentId = null;
		Long seq = null;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (name) {
				case "id" -> id = parser.getLongValue();
				case "event_id" -> eventId = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
				case "agent_id" -> agentId = (value == JsonToken.VALUE_STRING) ? parser.getString() : null;
				case "seq" -> seq = (value == JsonToken.VALUE_NUMBER_INT) ? parser.getLongValue() : null;
				default -> parser.skipChildren();
			}
		}
		rows.row(id, eventId, agentId, seq);
	}

	private static void expect(boolean condition, String problem) {
		if (!condition) {
			throw new IllegalArgumentException("the archiver's /events answer is not a page of events: " + problem);
		}
	}

	/** Given each row of a page. */
	@FunctionalInterface
	interface RowHandler {

		void row(long id, String eventId, String agentId, Long seq);

	}

	/**
	 * A page read.
	 *
	 * @param rows rows it held
	 * @param nextSinceId where the next page starts
	 */
	record Result(int rows, long nextSinceId) {

	}

}
