package io.beacon.bench.archive;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code --name=value} arguments, with defaults and a clear error for a bad number. Also
 * read by the broadcast benchmark's commands.
 */
public final class Arguments {

	private final Map<String, String> values = new HashMap<>();

	public Arguments(String[] args) {
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
			}
			int equals = arg.indexOf('=');
			this.values.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
	}

	public String get(String name, String fallback) {
		return this.values.getOrDefault(name, fallback);
	}

	public String require(String name) {
		String value = this.values.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + "=... is required");
		}
		return value;
	}

	public long getLong(String name, long fallback) {
		String value = this.values.get(name);
		try {
			return (value != null) ? Long.parseLong(value) : fallback;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'");
		}
	}

}
