package io.beacon.gateway;

import java.util.List;
import java.util.Random;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Bodies that can never be a valid event: random bytes, truncations, wrong types, missing
 * or broken required fields, and batches holding at least one such item.
 */
final class Fuzz {

	private static final List<String> FIELDS = List.of("agent_id", "status", "timestamp", "metadata", "event_id",
			"seq");

	private static final List<String> BAD_TIMESTAMPS = List.of("\"2026-06-26T12:00:00\"", "\"2026-13-01T00:00:00Z\"",
			"\"yesterday\"", "1782475200", "null", "\"\"", "[]");

	private Fuzz() {
	}

	static byte[] invalidEvent(Random random) {
		String valid = Events.event("agent-" + random.nextInt(100), "running", random.nextInt(1000));
		return switch (random.nextInt(5)) {
			case 0 -> randomBytes(random);
			case 1 -> valid.substring(0, random.nextInt(valid.length() - 1)).getBytes(UTF_8);
			case 2 -> valid.replace("\"2026-06-26T12:00:00Z\"", pick(random, BAD_TIMESTAMPS)).getBytes(UTF_8);
			case 3 ->
				valid.replace("\"agent_id\":\"", "\"agent_id\":\"" + pick(random, List.of(" ", "-", "é", "\\n", "/")))
					.getBytes(UTF_8);
			default -> randomObject(random).getBytes(UTF_8);
		};
	}

	static byte[] invalidBatch(Random random) {
		int size = 1 + random.nextInt(20);
		int bad = random.nextInt(size);
		StringBuilder body = new StringBuilder("[");
		for (int i = 0; i < size; i++) {
			body.append((i > 0) ? "," : "");
			if (i == bad) {
				String item = new String(invalidEvent(random), UTF_8);
				// an item of the batch must stay one line and one JSON value or it breaks
				// the array
				body.append(item.isBlank() || item.contains("\n") ? "{}" : item);
			}
			else {
				body.append(Events.event("agent-" + i, "idle", i));
			}
		}
		return body.append("]").toString().getBytes(UTF_8);
	}

	/** Random fields with random values, never a valid timestamp. */
	private static String randomObject(Random random) {
		StringBuilder object = new StringBuilder("{");
		int fields = random.nextInt(8);
		for (int i = 0; i < fields; i++) {
			String field = random.nextBoolean() ? pick(random, FIELDS) : "f" + random.nextInt(10);
			String value = field.equals("timestamp") ? pick(random, BAD_TIMESTAMPS) : randomValue(random, 0);
			object.append((i > 0) ? "," : "").append('"').append(field).append("\":").append(value);
		}
		if (fields == 0 || random.nextBoolean()) {
			object.append((fields > 0) ? "," : "").append("\"timestamp\":").append(pick(random, BAD_TIMESTAMPS));
		}
		return object.append('}').toString();
	}

	private static String randomValue(Random random, int depth) {
		return switch (random.nextInt(depth > 3 ? 4 : 6)) {
			case 0 -> String.valueOf(random.nextInt(2000) - 1000);
			case 1 -> "\"" + "x".repeat(random.nextInt(200)) + "\"";
			case 2 -> String.valueOf(random.nextBoolean());
			case 3 -> "null";
			case 4 -> "[" + randomValue(random, depth + 1) + "]";
			default -> "{\"k\":" + randomValue(random, depth + 1) + "}";
		};
	}

	private static byte[] randomBytes(Random random) {
		byte[] bytes = new byte[random.nextInt(2000)];
		random.nextBytes(bytes);
		return bytes;
	}

	private static String pick(Random random, List<String> values) {
		return values.get(random.nextInt(values.size()));
	}

}
