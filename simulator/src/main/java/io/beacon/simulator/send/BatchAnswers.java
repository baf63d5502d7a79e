package io.beacon.simulator.send;

import java.util.Arrays;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the gateway's {@code 503} answer to a batch,
 * {@code {"error":…,"failed":[indexes],"receipts":[…]}}, for the indexes to send again.
 */
final class BatchAnswers {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private BatchAnswers() {
	}

	/**
	 * The indexes a batch answer lists as not acknowledged.
	 * @param body the answer's body
	 * @param size how many events the batch held
	 * @return the indexes, ascending and distinct, or {@code null} when the body does not
	 * list them (send the whole batch again)
	 */
	static int[] failedIndexes(byte[] body, int size) {
		try (JsonParser parser = MAPPER.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if (name.equals("failed") && value == JsonToken.START_ARRAY) {
					return indexes(parser, size);
				}
				parser.skipChildren();
			}
			return null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static int[] indexes(JsonParser parser, int size) {
		int[] indexes = new int[size];
		int count = 0;
		while (parser.nextToken() == JsonToken.VALUE_NUMBER_INT) {
			int index = parser.getIntValue();
			if (index < 0 || index >= size || count == size) {
				return null;
			}
			indexes[count++] = index;
		}
		if (parser.currentToken() != JsonToken.END_ARRAY) {
			return null;
		}
		int[] failed = Arrays.stream(indexes, 0, count).sorted().distinct().toArray();
		return (failed.length == 0) ? null : failed;
	}

}
