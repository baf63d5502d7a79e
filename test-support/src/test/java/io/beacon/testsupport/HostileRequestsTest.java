package io.beacon.testsupport;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

import org.junit.jupiter.api.Test;

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

}
