package io.beacon.testsupport;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import static io.beacon.testsupport.HostileRequests.assertNoInternals;
import static io.beacon.testsupport.HostileRequests.assertNoInternalsIgnoringCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostileRequestsTest {

	@Test
	void aCleanBodyPasses() {
		assertThatCode(() -> assertNoInternals("clean", "{\"error\":\"not_found\"}")).doesNotThrowAnyException();
		assertThatCode(() -> assertNoInternalsIgnoringCase("clean", "", "/tmp")).doesNotThrowAnyException();
	}

	@Test
	void everyInternalFails() {
		for (String internal : HostileRequests.INTERNALS) {
			assertThatThrownBy(() -> assertNoInternals("case", "{\"trace\":\"" + internal + "\"}"))
				.isInstanceOf(AssertionError.class)
				.hasMessageContaining("case")
				.hasMessageContaining(internal);
		}
	}

	@Test
	void extraFragmentsFailToo() {
		assertThatCode(() -> assertNoInternals("case", "/tmp/db")).doesNotThrowAnyException();
		assertThatThrownBy(() -> assertNoInternals("case", "/tmp/db", "/tmp")).isInstanceOf(AssertionError.class);
	}

	@Test
	void ignoringCaseCatchesWhatTheExactCheckLets() {
		assertThatCode(() -> assertNoInternals("case", "an sql exception in Sqlite")).doesNotThrowAnyException();
		assertThatThrownBy(() -> assertNoInternalsIgnoringCase("case", "an sql error"))
			.isInstanceOf(AssertionError.class);
		assertThatThrownBy(() -> assertNoInternalsIgnoringCase("case", "Sqlite", "sqlite"))
			.isInstanceOf(AssertionError.class);
	}

	@Test
	void requestsAreBuiltOverTheBaseUrl() {
		HttpRequest delete = HostileRequests.request("/a?b=c", HttpRequest.Builder::DELETE).apply("http://host:1");
		assertThat(delete.uri()).isEqualTo(URI.create("http://host:1/a?b=c"));
		assertThat(delete.method()).isEqualTo("DELETE");
		assertThat(delete.timeout()).contains(HostileRequests.REQUEST_TIMEOUT);
		HttpRequest post = HostileRequests.post("/p", "application/xml", "<a/>").apply("http://host:1");
		assertThat(post.headers().firstValue("Content-Type")).contains("application/xml");
		assertThat(post.bodyPublisher()).hasValueSatisfying((body) -> assertThat(body.contentLength()).isEqualTo(4));
		Object[] arguments = HostileRequests.hostile("d", HostileRequests.get("/"), 400, 404).get();
		assertThat(arguments).hasSize(3);
		assertThat(arguments[0]).isEqualTo("d");
		assertThat(arguments[2]).isEqualTo(List.of(400, 404));
	}

	@Test
	void theSharedListsNameEveryCaseOnce() {
		List<Arguments> all = HostileRequests
			.cases(HostileRequests.anyService(), HostileRequests.methodsOtherThan("GET", "/status"),
					HostileRequests.traversalUnder("/status"))
			.toList();
		List<Object> descriptions = all.stream().map((arguments) -> arguments.get()[0]).toList();
		assertThat(descriptions).doesNotHaveDuplicates()
			.contains("unknown path", "encoded traversal", "semicolon trick", "actuator env", "actuator heapdump",
					"actuator configprops", "actuator loggers", "actuator beans", "actuator threaddump",
					"actuator mappings", "actuator flyway", "actuator gateway/routes", "actuator shutdown",
					"POST /status", "PUT /status", "PATCH /status", "DELETE /status", "dot segments under /status",
					"encoded dot segments under /status", "encoded slashes under /status")
			.doesNotContain("GET /status");
		assertThat(all).hasSize(2 + HostileRequests.CLOSED_ACTUATOR_ENDPOINTS.size() + 1 + 4 + 3);
	}

	@Test
	void theActuatorCasesExpectA404AndShutdownIsAPost() {
		for (Arguments arguments : HostileRequests.closedActuator().toList()) {
			Object[] values = arguments.get();
			HttpRequest request = request(values[1]).apply("http://host:1");
			assertThat(request.uri().getPath()).startsWith("/actuator/");
			assertThat(request.method()).isEqualTo(values[0].equals("actuator shutdown") ? "POST" : "GET");
			assertThat(values[2]).isIn(List.of(404), List.of(400, 404));
		}
		assertThat(HostileRequests.closedActuator().map((arguments) -> arguments.get()[0]))
			.doesNotContain("actuator health", "actuator info", "actuator prometheus");
	}

	@Test
	void wrongMethodsAreA405WithABodyWhereTheMethodTakesOne() {
		for (Arguments arguments : HostileRequests.methodsOtherThan("POST", "/ingest/state").toList()) {
			Object[] values = arguments.get();
			HttpRequest request = request(values[1]).apply("http://host:1");
			assertThat(values[0]).isEqualTo(request.method() + " /ingest/state");
			assertThat(request.method()).isNotEqualTo("POST");
			assertThat(values[2]).isEqualTo(List.of(405));
			long length = request.bodyPublisher().orElseThrow().contentLength();
			assertThat(length).isEqualTo(request.method().startsWith("P") ? 2 : 0);
		}
	}

	@Test
	void oversizedRequestsKeepTheRequestTheyAreGiven() {
		Object[] header = HostileRequests
			.largeHeader(HostileRequests.post("/ingest/state", "application/json", "{}"), 431)
			.get();
		assertThat(header[0]).isEqualTo("20 KiB header");
		HttpRequest padded = request(header[1]).apply("http://host:1");
		assertThat(padded.method()).isEqualTo("POST");
		assertThat(padded.headers().firstValue("Content-Type")).contains("application/json");
		assertThat(padded.headers().firstValue("X-Pad"))
			.hasValueSatisfying((value) -> assertThat(value).hasSize(HostileRequests.LARGE_HEADER));
		assertThat(padded.bodyPublisher()).hasValueSatisfying((body) -> assertThat(body.contentLength()).isEqualTo(2));
		assertThat(padded.timeout()).contains(HostileRequests.REQUEST_TIMEOUT);

		Object[] query = HostileRequests.longQuery("/status", "q", 400, 414).get();
		assertThat(query[0]).isEqualTo("10 KiB query string");
		assertThat(request(query[1]).apply("http://host:1").uri().getRawQuery())
			.hasSize(2 + HostileRequests.LONG_QUERY);
		assertThat(query[2]).isEqualTo(List.of(400, 414));

		Object[] body = HostileRequests.largeBody("/ingest/batch", (1 << 20) + 1, 413).get();
		assertThat(body[0]).isEqualTo("POST of 1048577 bytes to /ingest/batch");
		assertThat(request(body[1]).apply("http://host:1").bodyPublisher())
			.hasValueSatisfying((publisher) -> assertThat(publisher.contentLength()).isEqualTo((1 << 20) + 1));
		assertThat(HostileRequests.largeBody("/status", 8 << 20, 405).get()[0]).isEqualTo("POST of 8 MiB to /status");
	}

	@SuppressWarnings("unchecked")
	private static Function<String, HttpRequest> request(Object argument) {
		return (Function<String, HttpRequest>) argument;
	}

}
