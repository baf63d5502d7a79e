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
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.junit.jupiter.params.provider.Arguments;

/**
 * What every service's {@code HostileRequestsIT} (the security pass: requests an attacker
 * or a broken client sends get a clear 4xx, never a 500, and no internals) shares, kept
 * here once so that the five services are held to one list of what an answer may never
 * show, and their tests differ only in the cases they send.
 * <p>
 * A request is a {@code Function<String, HttpRequest>} over the service's base URL, so
 * that a {@code @MethodSource} can list the cases before the service is started:
 * <pre class="code">
 * static Stream&lt;Arguments&gt; hostileRequests() {
 * 	return Stream.of(hostile("unknown path", get("/nothing-here"), 404),
 * 			hostile("DELETE an agent", request("/agents/a", HttpRequest.Builder::DELETE), 405));
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

	/** How long one request may take. */
	public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

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

	private static HttpRequest.Builder builder(String base, String path) {
		return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT);
	}

}
