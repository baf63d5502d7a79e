package io.beacon.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name=value} arguments of the bench commands, in the order given, with defaults
 * and a clear error for a bad number.
 */
public final class Arguments {

	private final Map<String, String> values = new LinkedHashMap<>();

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

	/**
	 * The arguments but some, in the order given (a report's metadata, say).
	 * @param used the names to leave out
	 * @return name to value
	 */
	public Map<String, String> others(String... used) {
		Map<String, String> others = new LinkedHashMap<>(this.values);
		others.keySet().removeAll(Set.of(used));
		return others;
	}

}
