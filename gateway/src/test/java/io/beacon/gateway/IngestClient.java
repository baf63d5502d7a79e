package io.beacon.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a gateway over real TCP, as an agent would.
 */
final class IngestClient {

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	IngestClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	String baseUrl() {
		return this.baseUrl;
	}

	Answer postJson(String path, String body) {
		return post(path, "application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	Answer post(String path, String contentType, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(REQUEST_TIMEOUT)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return send(request.build());
	}

	Answer get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(REQUEST_TIMEOUT).GET().build());
	}

	Answer send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response);
		}
		catch (IOException ex) {
			throw new IllegalStateException("request failed: " + request, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A response, with its body as JSON when it is JSON.
	 *
	 * @param status the status code
	 * @param response the raw response
	 */
	record Answer(int status, HttpResponse<String> response) {

		JsonNode json() {
			return IngestClient.json.readTree(this.response.body());
		}

		String header(String name) {
			return this.response.headers().firstValue(name).orElse(null);
		}

		@Override
		public String toString() {
			return this.status + " " + this.response.body();
		}

	}

}
