package io.beacon.loadbalancer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.beacon.testsupport.FreePorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What passes through the load balancer, and what it answers itself. */
class ProxyIT {

	@Test
	void aRequestAndItsAnswerPassThroughUnchangedWithForwardedHeaders() {
		try (EchoBackend backend = EchoBackend.start();
				RunningLoadBalancer balancer = RunningLoadBalancer.start(backend.url(),
						RunningLoadBalancer.PATIENT_HEALTH_CHECK)) {
			HttpResponse<String> response = balancer
				.send(HttpRequest.newBuilder(URI.create(balancer.url() + "/ingest/batch?x=1"))
					.header("Content-Type", "application/x-ndjson")
					.header("X-Custom", "kept")
					.POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}\n{\"b\":2}\n")));
			assertThat(response.statusCode()).isEqualTo(207);
			assertThat(response.headers().firstValue("X-Echo")).hasValue("yes");
			assertThat(response.body()).startsWith("POST /ingest/batch?x=1\n")
				.contains("X-Forwarded-For: 127.0.0.1", "X-Forwarded-Proto: http",
						"X-Forwarded-Host: 127.0.0.1:" + URI.create(balancer.url()).getPort(), "X-Custom: kept",
						"Content-Type: application/x-ndjson")
				.endsWith("\n\n{\"a\":1}\n{\"b\":2}\n");
			assertThat(balancer.get("/actuator/prometheus").body())
				.contains("beacon_loadbalancer_requests_total{application=\"beacon-load-balancer\",backend=\""
						+ backend.url() + "\"} 1.0")
				.contains("beacon_loadbalancer_latency_seconds_bucket{", "beacon_loadbalancer_backends_healthy");
		}
	}

	@Test
	void anythingButIngestIsA404WithAJsonBody() {
		try (EchoBackend backend = EchoBackend.start();
				RunningLoadBalancer balancer = RunningLoadBalancer.start(backend.url(),
						RunningLoadBalancer.PATIENT_HEALTH_CHECK)) {
			HttpResponse<String> response = balancer.get("/nothing/here");
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			assertThat(response.body()).contains("\"error\":\"not_found\"");
		}
	}

	@Test
	void withNoGatewayReachableClientsGetA503ToRetry() {
		String down = "http://127.0.0.1:" + FreePorts.next();
		try (RunningLoadBalancer balancer = RunningLoadBalancer.start(down)) {
			HttpResponse<String> first = balancer.post("/ingest/state", Events.event("agent-1", 1));
			assertThat(first.statusCode()).isEqualTo(503);
			assertThat(first.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(first.body()).contains("\"error\":\"no_healthy_gateway\"");
			assertThat(balancer.backend(down).healthy()).isFalse();
			assertThat(balancer.backend(down).problem()).isNotBlank();
			HttpResponse<String> health = balancer.get("/actuator/health");
			assertThat(health.statusCode()).isEqualTo(503);
			assertThat(health.body()).contains("no healthy gateway");
		}
	}

	@Test
	void aGatewayThatComesBackReturnsToRotationByItself() {
		int port = FreePorts.next();
		String url = "http://127.0.0.1:" + port;
		try (RunningLoadBalancer balancer = RunningLoadBalancer.start(url,
				"beacon.load-balancer.health-check.interval=200ms", RunningLoadBalancer.PATIENT_HEALTH_CHECK)) {
			await().atMost(GatewayProcess.READY_TIMEOUT).until(() -> !balancer.backend(url).healthy());
			try (EchoBackend backend = EchoBackend.startOn(port)) {
				assertThat(backend.url()).isEqualTo(url);
				await().atMost(GatewayProcess.READY_TIMEOUT).until(() -> balancer.backend(url).healthy());
				assertThat(balancer.post("/ingest/state", Events.event("agent-1", 1)).statusCode()).isEqualTo(207);
			}
		}
	}

}
