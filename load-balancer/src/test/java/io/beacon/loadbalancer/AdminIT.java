package io.beacon.loadbalancer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /admin/backends}: what it accepts, what it refuses, and from whom. */
class AdminIT {

	/** Without backends; each test leaves it so. */
	private static RunningLoadBalancer balancer;

	@BeforeAll
	static void start() {
		balancer = RunningLoadBalancer.start("");
	}

	@AfterAll
	static void stop() {
		balancer.close();
	}

	@Test
	void backendsAreListedAddedOnceAndRemoved() {
		try (EchoBackend backend = EchoBackend.start()) {
			assertThat(balancer.get("/admin/backends").body()).isEqualTo("[]");
			HttpResponse<String> added = balancer.post("/admin/backends", "{\"url\":\"" + backend.url() + "/\"}");
			assertThat(added.statusCode()).isEqualTo(201);
			assertThat(added.body()).contains("\"url\":\"" + backend.url() + "\"", "\"healthy\":true",
					"\"in_rotation\":true", "\"requests\":0", "\"errors\":0");
			assertThat(balancer.post("/admin/backends", "{\"url\":\"" + backend.url() + "\"}").statusCode())
				.as("adding it again is harmless")
				.isEqualTo(200);
			assertThat(balancer.post("/ingest/state", Events.event("agent-1", 1)).statusCode()).isEqualTo(207);
			assertThat(balancer.get("/admin/backends").body()).contains("\"requests\":1");

			HttpResponse<String> removed = balancer
				.send(HttpRequest.newBuilder(URI.create(balancer.url() + "/admin/backends?url=" + backend.url()))
					.DELETE());
			assertThat(removed.statusCode()).isEqualTo(200);
			assertThat(balancer.get("/admin/backends").body()).isEqualTo("[]");
			assertThat(balancer
				.send(HttpRequest.newBuilder(URI.create(balancer.url() + "/admin/backends"))
					.header("Content-Type", "application/json")
					.method("DELETE", HttpRequest.BodyPublishers.ofString("{\"url\":\"" + backend.url() + "\"}")))
				.statusCode()).as("removing it again").isEqualTo(404);
			assertThat(balancer.post("/ingest/state", Events.event("agent-1", 2)).statusCode()).isEqualTo(503);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"url\":\"ftp://127.0.0.1:21\"}", "{\"url\":\"http://127.0.0.1\"}",
			"{\"url\":\"http://:8012\"}", "{\"url\":\"http://127.0.0.1:8012/ingest\"}",
			"{\"url\":\"http://127.0.0.1:8012?a=b\"}", "{\"url\":\"not a url\"}", "{\"url\":8012}", "{}", "[]",
			"not json", "" })
	void aBadUrlIsA400SayingWhy(String body) {
		HttpResponse<String> response = balancer.post("/admin/backends", body);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"error\":\"invalid_backend\"").contains("url");
		assertThat(balancer.get("/admin/backends").body()).isEqualTo("[]");
	}

	@Test
	void withATokenEveryoneMustSendIt() {
		try (RunningLoadBalancer guarded = RunningLoadBalancer.start("", "beacon.load-balancer.admin-token=s3cret")) {
			URI backends = URI.create(guarded.url() + "/admin/backends");
			HttpResponse<String> missing = guarded.send(HttpRequest.newBuilder(backends));
			assertThat(missing.statusCode()).isEqualTo(401);
			assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
			assertThat(
					guarded.send(HttpRequest.newBuilder(backends).header("Authorization", "Bearer wrong")).statusCode())
				.isEqualTo(403);
			assertThat(guarded.send(HttpRequest.newBuilder(backends).header("Authorization", "Bearer s3cret"))
				.statusCode()).isEqualTo(200);
			assertThat(guarded.post("/ingest/state", Events.event("agent-1", 1)).statusCode())
				.as("ingest needs no token")
				.isEqualTo(503);
		}
	}

}
