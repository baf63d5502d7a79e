package io.beacon.broadcaster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Server-Sent Events reader over a real connection, keeping every message as
 * {@code "<event name>|<data>"} ({@code message} when the event has no name).
 */
final class SseClient implements AutoCloseable {

	/** Kept reachable: a collected client closes its connections. */
	private static final HttpClient http = HttpClient.newHttpClient();

	private final List<String> messages = new ArrayList<>();

	private final Stream<String> lines;

	private final Thread reader;

	private final int status;

	private SseClient(HttpResponse<Stream<String>> response) {
		this.status = response.statusCode();
		this.lines = response.body();
		this.reader = new Thread(this::read, "sse-client");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	static SseClient open(String url) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
		return new SseClient(
				http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).orTimeout(30, TimeUnit.SECONDS).join());
	}

	int status() {
		return this.status;
	}

	private void read() {
		String event = "message";
		try {
			for (String line : (Iterable<String>) this.lines::iterator) {
				if (line.startsWith("event: ")) {
					event = line.substring("event: ".length());
				}
				else if (line.startsWith("data: ")) {
					synchronized (this) {
						this.messages.add(event + "|" + line.substring("data: ".length()));
					}
				}
				else if (line.isEmpty()) {
					event = "message";
				}
			}
		}
		catch (RuntimeException ex) {
			// the stream was closed
		}
	}

	synchronized List<String> messages(String event) {
		String prefix = event + "|";
		return this.messages.stream()
			.filter((message) -> message.startsWith(prefix))
			.map((message) -> message.substring(prefix.length()))
			.toList();
	}

	@Override
	public void close() {
		this.lines.close();
	}

}
