package io.beacon.broadcaster.ws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.beacon.broadcaster.stream.Filter;
import io.beacon.broadcaster.stream.InvalidFilterException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a WebSocket client may send, and the replies: today one message,
 * {@code {"type":"subscribe","agent_ids":[…],"statuses":[…]}}, answered by
 * {@code subscribed}, or {@code error} naming what is wrong.
 */
final class ClientMessages {

	private final JsonMapper mapper;

	ClientMessages(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Read a subscribe message.
	 * @param text the message
	 * @return the filter it asks for
	 * @throws BadMessageException when it is not a valid subscribe message
	 */
	Filter readSubscribe(String text) {
		JsonNode message;
		try {
			message = this.mapper.readTree(text);
		}
		catch (JacksonException ex) {
			throw new BadMessageException("not JSON: " + firstLine(ex.getOriginalMessage()));
		}
		if (message == null || !message.isObject()) {
			throw new BadMessageException("must be a JSON object with a \"type\"");
		}
		JsonNode type = message.get("type");
		if (type == null || !type.isString()) {
			throw new BadMessageException("\"type\" is missing; the only type a client sends is \"subscribe\"");
		}
		if (!"subscribe".equals(type.asString())) {
			throw new BadMessageException(
					"unknown type \"" + type.asString() + "\"; the only type a client sends is \"subscribe\"");
		}
		try {
			return Filter.of(strings(message, "agent_ids"), "agent_ids", strings(message, "statuses"), "statuses");
		}
		catch (InvalidFilterException ex) {
			throw new BadMessageException(ex.getMessage());
		}
	}

	private static List<String> strings(JsonNode message, String field) {
		JsonNode values = message.get(field);
		if (values == null || values.isNull()) {
			return null;
		}
		if (!values.isArray()) {
			throw new BadMessageException(field + " must be an array of strings (or absent for all)");
		}
		List<String> strings = new ArrayList<>(values.size());
		for (JsonNode value : values) {
			if (!value.isString()) {
				throw new BadMessageException(field + " must be an array of strings (or absent for all)");
			}
			strings.add(value.asString());
		}
		return strings;
	}

	byte[] subscribed(Filter filter) {
		Map<String, Object> reply = new LinkedHashMap<>();
		reply.put("type", "subscribed");
		reply.put("agent_ids", filter.agentIds());
		reply.put("statuses", filter.statuses());
		return this.mapper.writeValueAsBytes(reply);
	}

	byte[] error(String message) {
		Map<String, Object> reply = new LinkedHashMap<>();
		reply.put("type", "error");
		reply.put("error", "invalid_message");
		reply.put("message", message);
		return this.mapper.writeValueAsBytes(reply);
	}

	private static String firstLine(String text) {
		if (text == null) {
			return "unreadable";
		}
		int newline = text.indexOf('\n');
		return (newline < 0) ? text : text.substring(0, newline);
	}

}
