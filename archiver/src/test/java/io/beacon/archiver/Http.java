package io.beacon.archiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to a running archiver, as any client makes them. */
final class Http {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private Http() {
	}

	static HttpResponse<String> get(String url, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
