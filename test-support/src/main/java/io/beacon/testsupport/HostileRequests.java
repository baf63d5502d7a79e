package io.beacon.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every service's {@code HostileRequestsIT} (the security pass: requests an attacker
 * or a broken client sends get a clear 4xx, never a 500, and no internals) shares, kept
 * here once so that the five services are held to one list of what an answer may never
 * show and to one list of the cases every service answers alike (an unknown path, the
 * closed actuator, wrong methods, oversized requests), and their tests keep only the
 * cases of their own.
 * <p>
 * A request is a {@code Function<String, HttpRequest>} over the service's base URL, so
 * that a {@code @MethodSource} can list the cases before the service is started:
 * <pre class="code">
 * static Stream&lt;Arguments&gt; hostileRequests() {
 * 	return cases(Stream.of(hostile("agent id too long", get("/agents/" + "a".repeat(200)), 400)),
 * 			methodsOtherThan("GET", "/agents"), traversalUnder("/agents"), anyService());
 * }
 * </pre>
 */
public final class HostileRequests {

	/**
	 * What no answer to a client may contain: a stack trace, a class name, SQL or a path
	 * on the machine.
	 */
	public static final List<String> INTERNALS = List.of("Exception", "at io.", "at org.", "java.", "SQL", "/home",
			"/work");

	/**
	 * The actuator endpoints no service exposes (Spring Boot's, and Spring Cloud
	 * Gateway's routes on the load balancer): only health, info and prometheus are.
	 * {@code shutdown} is asked with a POST, the others with a GET.
	 */
	public static final List<String> CLOSED_ACTUATOR_ENDPOINTS = List.of("auditevents", "beans", "caches", "conditions",
			"configprops", "env", "flyway", "gateway/routes", "heapdump", "httpexchanges", "integrationgraph",
			"liquibase", "logfile", "loggers", "mappings", "metrics", "quartz", "sbom", "scheduledtasks", "sessions",
			"shutdown", "startup", "threaddump");

	/** The links {@code GET /actuator} lists: health, info and prometheus, no more. */
	public static final Set<String> ACTUATOR_LINKS = Set.of("self", "health", "health-path", "info", "prometheus");

	/** The methods {@link #methodsOtherThan} tries. */
	public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

	/** The size of the header {@link #largeHeader} adds. */
	public static final int LARGE_HEADER = 20 * 1024;

	/** The length of the query {@link #longQuery} sends. */
	public static final int LONG_QUERY = 10 * 1024;

	/** How long one request may take. */
	public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private HostileRequests() {
	}

	/**
	 * One {@code @MethodSource} case:
	 * {@code (description, request, List<Integer> statuses)}.
	 * @param description names the case in the report
	 * @param request the request, over the base URL
	 * @param statuses the statuses any of which is a right answer
	 * @return the arguments of one case
	 */
	public static Arguments hostile(String description, Function<String, HttpRequest> request, Integer... statuses) {
		return Arguments.of(description, request, Arrays.asList(statuses));
	}

	/**
	 * A GET.
	 * @param path the path and query, from the base URL
	 * @return the request over the base URL
	 */
	public static Function<String, HttpRequest> get(String path) {
		return (base) -> builder(base, path).GET().build();
	}

	/**
	 * A POST of a text body.
	 * @param path the path and query, from the base URL
	 * @param contentType the {@code Content-Type} header
	 * @param body the body
	 * @return the request over the base URL
	 */
	public static Function<String, HttpRequest> post(String path, String contentType, String body) {
		return (base) -> builder(base, path).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	/**
	 * A POST of a body of bytes, with its length.
	 * @param path the path and query, from the base URL
	 * @param contentType the {@code Content-Type} header
	 * @param body the body
	 * @return the request over the base URL
	 */
	public static Function<String, HttpRequest> post(String path, String contentType, byte[] body) {
		return (base) -> builder(base, path).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
	}

	/**
	 * Any other request: another method, other headers, a body in chunks.
	 * @param path the path and query, from the base URL
	 * @param method sets the method, headers and body on a builder that has the URL and
	 * the timeout, for example {@code HttpRequest.Builder::DELETE}
	 * @return the request over the base URL
	 */
	public static Function<String, HttpRequest> request(String path, UnaryOperator<HttpRequest.Builder> method) {
		return (base) -> method.apply(builder(base, path)).build();
	}

	/**
	 * The cases of several lists, in order, as one {@code @MethodSource}.
	 * @param lists the lists, for example a {@code Stream.of(hostile(...), ...)} of the
	 * service's own cases and {@link #anyService()}
	 * @return all their cases
	 */
	@SafeVarargs
	public static Stream<Arguments> cases(Stream<Arguments>... lists) {
		Stream<Arguments> all = Stream.empty();
		for (Stream<Arguments> list : lists) {
			all = Stream.concat(all, list);
		}
		return all;
	}

	/**
	 * What every service answers alike: an unknown path is a 404, a path that climbs
	 * above the root a 400 or 404, and the actuator is closed
	 * ({@link #closedActuator()}).
	 * @return the cases
	 */
	public static Stream<Arguments> anyService() {
		return cases(Stream.of(hostile("unknown path", get("/nothing-here"), 404),
				hostile("encoded traversal", get("/%2e%2e/%2e%2e/etc/passwd"), 400, 404)), closedActuator());
	}

	/**
	 * Every one of {@link #CLOSED_ACTUATOR_ENDPOINTS} is a 404, and so is
	 * {@code /actuator/env} reached with a semicolon trick ({@code /actuator/..;/env}).
	 * @return the cases
	 */
	public static Stream<Arguments> closedActuator() {
		Stream<Arguments> endpoints = CLOSED_ACTUATOR_ENDPOINTS.stream()
			.map((endpoint) -> hostile("actuator " + endpoint, endpoint.equals("shutdown")
					? post("/actuator/shutdown", "application/json", "") : get("/actuator/" + endpoint), 404));
		return Stream.concat(endpoints, Stream.of(hostile("semicolon trick", get("/actuator/..;/env"), 400, 404)));
	}

	/**
	 * Paths that climb from under {@code path} to {@code /etc/passwd}: with dot segments,
	 * encoded dot segments and encoded slashes, each a 400 or 404.
	 * @param path a path the service serves
	 * @return the cases
	 */
	public static Stream<Arguments> traversalUnder(String path) {
		return Stream.of(hostile("dot segments under " + path, get(path + "/../../etc/passwd"), 400, 404),
				hostile("encoded dot segments under " + path, get(path + "/%2e%2e/%2e%2e/etc/passwd"), 400, 404),
				hostile("encoded slashes under " + path, get(path + "/..%2f..%2fetc%2fpasswd"), 400, 404));
	}

	/**
	 * Each of {@link #METHODS} but the one a path takes is a 405; a POST, PUT or PATCH
	 * sends a small JSON body.
	 * @param allowed the method the path takes
	 * @param path the path
	 * @return the cases
	 */
	public static Stream<Arguments> methodsOtherThan(String allowed, String path) {
		return METHODS.stream()
			.filter((method) -> !method.equals(allowed))
			.map((method) -> hostile(method + " " + path, request(path, (builder) -> withBody(builder, method)), 405));
	}

	/**
	 * A POST of a large body (of zeros, announced with its length).
	 * @param path the path
	 * @param bytes the size of the body
	 * @param statuses the statuses any of which is a right answer
	 * @return the case
	 */
	public static Arguments largeBody(String path, int bytes, Integer... statuses) {
		return hostile("POST of " + size(bytes) + " to " + path, post(path, "application/json", new byte[bytes]),
				statuses);
	}

	/**
	 * A request with a header of {@link #LARGE_HEADER} bytes added.
	 * @param request the request, over the base URL
	 * @param statuses the statuses any of which is a right answer
	 * @return the case
	 */
	public static Arguments largeHeader(Function<String, HttpRequest> request, Integer... statuses) {
		return hostile(size(LARGE_HEADER) + " header",
				(base) -> HttpRequest.newBuilder(request.apply(base), (name, value) -> true)
					.header("X-Pad", "x".repeat(LARGE_HEADER))
					.build(),
				statuses);
	}

	/**
	 * A GET with a query parameter of {@link #LONG_QUERY} characters.
	 * @param path the path
	 * @param parameter the parameter's name
	 * @param statuses the statuses any of which is a right answer
	 * @return the case
	 */
	public static Arguments longQuery(String path, String parameter, Integer... statuses) {
		return hostile(size(LONG_QUERY) + " query string", get(path + "?" + parameter + "=" + "x".repeat(LONG_QUERY)),
				statuses);
	}

	/**
	 * Fails unless {@code GET /actuator} answers 200 listing only {@link #ACTUATOR_LINKS}
	 * and {@code /actuator/prometheus} answers 200.
	 * @param baseUrl the service's base URL
	 */
	public static void assertOnlyHealthInfoAndPrometheusExposed(String baseUrl) {
		HttpResponse<String> actuator = send(get("/actuator").apply(baseUrl));
		if (actuator.statusCode() != 200) {
			throw new AssertionError(
					String.format("GET /actuator answered %d:%n%s", actuator.statusCode(), actuator.body()));
		}
		Set<String> links = new TreeSet<>(JSON.readTree(actuator.body()).path("_links").propertyNames());
		if (!links.equals(new TreeSet<>(ACTUATOR_LINKS))) {
			throw new AssertionError(String.format("GET /actuator lists %s, not %s:%n%s", links,
					new TreeSet<>(ACTUATOR_LINKS), actuator.body()));
		}
		int prometheus = send(get("/actuator/prometheus").apply(baseUrl)).statusCode();
		if (prometheus != 200) {
			throw new AssertionError("GET /actuator/prometheus answered " + prometheus);
		}
	}

	/**
	 * Sends a request over HTTP/1.1 and reads the body as text.
	 * @param request the request
	 * @return the response
	 */
	public static HttpResponse<String> send(HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Fails when the body contains one of {@link #INTERNALS} or of the service's own
	 * extra fragments, in the same case.
	 * @param description names the case in the failure
	 * @param body the body of the answer
	 * @param extraFragments what else this service's answers may never contain
	 */
	public static void assertNoInternals(String description, String body, String... extraFragments) {
		for (String internal : internals(extraFragments)) {
			if (body.contains(internal)) {
				throw new AssertionError(failure(description, body, internal, ""));
			}
		}
	}

	/**
	 * Fails when the body contains one of {@link #INTERNALS} or of the service's own
	 * extra fragments, in any case.
	 * @param description names the case in the failure
	 * @param body the body of the answer
	 * @param extraFragments what else this service's answers may never contain
	 */
	public static void assertNoInternalsIgnoringCase(String description, String body, String... extraFragments) {
		String lowerCaseBody = body.toLowerCase(Locale.ROOT);
		for (String internal : internals(extraFragments)) {
			if (lowerCaseBody.contains(internal.toLowerCase(Locale.ROOT))) {
				throw new AssertionError(failure(description, body, internal, " (in any case)"));
			}
		}
	}

	private static List<String> internals(String... extraFragments) {
		List<String> internals = new ArrayList<>(INTERNALS);
		internals.addAll(Arrays.asList(extraFragments));
		return internals;
	}

	private static String failure(String description, String body, String internal, String how) {
		return String.format("%s: the answer shows \"%s\"%s:%n%s", description, internal, how, body);
	}

	private static HttpRequest.Builder withBody(HttpRequest.Builder builder, String method) {
		if (method.equals("GET") || method.equals("DELETE")) {
			return builder.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return builder.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString("{}"));
	}

	/** "8 MiB", "20 KiB", "1048577 bytes". */
	private static String size(int bytes) {
		if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
			return bytes / (1024 * 1024) + " MiB";
		}
		if (bytes >= 1024 && bytes % 1024 == 0) {
			return bytes / 1024 + " KiB";
		}
		return bytes + " bytes";
	}

	private static HttpRequest.Builder builder(String base, String path) {
		return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT);
	}

}
