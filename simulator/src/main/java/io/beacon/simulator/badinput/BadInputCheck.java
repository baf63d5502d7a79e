package io.beacon.simulator.badinput;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.beacon.simulator.send.Answer;
import io.beacon.simulator.send.Transport;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the malformed requests of {@link BadCases} and checks every answer: the expected
 * status, a JSON body with the expected {@code error} code (and the field and batch index
 * it names), and no stack trace. Prints a table.
 */
public final class BadInputCheck {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** A Java stack frame, {@code at some.package.Class.method(}. */
	private static final Pattern STACK_FRAME = Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(");

	private final URI url;

	private final Duration timeout;

	/**
	 * @param url the ingest API
	 * @param timeout how long to wait for each answer
	 */
	public BadInputCheck(URI url, Duration timeout) {
		this.url = url;
		this.timeout = timeout;
	}

	/**
	 * Send every case and print the table.
	 * @param agentId the agent the otherwise valid events are from
	 * @param out where the table goes
	 * @return the outcomes, in order
	 */
	public List<Outcome> run(String agentId, PrintStream out) {
		List<Outcome> outcomes = new ArrayList<>();
		out.println("bad input to " + this.url + ":");
		out.printf(Locale.ROOT, "  %-30s %-38s %-38s %s%n", "case", "expected", "answered", "");
		// one connection, opened again after the server closes it (it may, after a 413)
		try (Transport transport = new Transport(this.url, 1, this.timeout, "sim-bad-input")) {
			for (BadCase badCase : BadCases.all(agentId)) {
				Outcome outcome = check(transport, badCase);
				outcomes.add(outcome);
				out.printf(Locale.ROOT, "  %-30s %-38s %-38s %s%n", badCase.name(), badCase.expected(),
						outcome.answered(), outcome.ok() ? "ok" : "MISMATCH: " + outcome.problem());
			}
		}
		long ok = outcomes.stream().filter(Outcome::ok).count();
		out.println("bad input: " + ok + " of " + outcomes.size() + " answered as the contract says"
				+ ((ok == outcomes.size()) ? "" : " — " + (outcomes.size() - ok) + " did not"));
		return outcomes;
	}

	private Outcome check(Transport transport, BadCase badCase) {
		Answer answer;
		try {
			answer = (badCase.get() ? transport.get(badCase.path())
					: transport.endpoint(badCase.path(), badCase.contentType()).post(badCase.body()))
				.block(this.timeout);
		}
		catch (RuntimeException ex) {
			return new Outcome(badCase.name(), "no answer", "no answer: " + rootMessage(ex));
		}
		if (answer == null) {
			return new Outcome(badCase.name(), "no answer", "no answer");
		}
		return judge(badCase, answer);
	}

	static Outcome judge(BadCase badCase, Answer answer) {
		JsonNode json = parse(answer.body());
		String error = (json != null && json.path("error").isString()) ? json.path("error").stringValue() : null;
		JsonNode detail = firstDetail(json, badCase.field(), badCase.index());
		String answered = answer.status() + " " + ((error != null) ? error : "(no error code)")
				+ ((badCase.field() != null && detail != null) ? " " + badCase.field() : "")
				+ ((badCase.index() != null && detail != null) ? " [" + badCase.index() + "]" : "");
		String text = answer.text();
		String problem = null;
		if (answer.status() != badCase.status()) {
			problem = "status " + answer.status();
		}
		else if (answer.contentType() == null
				|| !answer.contentType().toLowerCase(Locale.ROOT).startsWith("application/json")) {
			problem = "Content-Type " + answer.contentType();
		}
		else if (json == null || !json.isObject()) {
			problem = "body is not a JSON object";
		}
		else if (!badCase.error().equals(error)) {
			problem = "error " + error;
		}
		else if (badCase.field() != null && detail == null) {
			problem = "details do not name " + badCase.field()
					+ ((badCase.index() != null) ? " at index " + badCase.index() : "");
		}
		else if (text.contains("Exception") || STACK_FRAME.matcher(text).find()) {
			problem = "body has a stack trace";
		}
		return new Outcome(badCase.name(), answered, problem);
	}

	private static JsonNode parse(byte[] body) {
		try {
			return MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static JsonNode firstDetail(JsonNode json, String field, Integer index) {
		if (json == null || field == null || !json.path("details").isArray()) {
			return null;
		}
		for (JsonNode detail : json.path("details")) {
			boolean fieldMatches = field.equals(detail.path("field").stringValue(null));
			boolean indexMatches = (index == null)
					|| (detail.path("index").isInt() && detail.path("index").asInt() == index);
			if (fieldMatches && indexMatches) {
				return detail;
			}
		}
		return null;
	}

	private static String rootMessage(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ((root.getMessage() != null) ? " " + root.getMessage() : "");
	}

	/**
	 * How one case was answered.
	 *
	 * @param name the case
	 * @param answered the answer, for the table
	 * @param problem what differs from the contract, or {@code null}
	 */
	public record Outcome(String name, String answered, String problem) {

		public boolean ok() {
			return this.problem == null;
		}

	}

}
