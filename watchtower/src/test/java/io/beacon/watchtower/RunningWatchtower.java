package io.beacon.watchtower;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A real watchtower in this JVM on a random port, with a client for it. */
final class RunningWatchtower implements AutoCloseable {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final ConfigurableApplicationContext context;

	private RunningWatchtower(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static RunningWatchtower start(String bootstrapServers, String... properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + bootstrapServers, "--beacon.watchtower.poll-interval=300ms",
				"--beacon.watchtower.check-timeout=1s", "--spring.main.banner-mode=off"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return new RunningWatchtower(
				new SpringApplicationBuilder(WatchtowerApplication.class).run(args.toArray(String[]::new)));
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port");
	}

	HttpResponse<String> get(String path) {
		try {
			return http.send(HttpRequest
				.newBuilder(URI.create(
						"http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port") + path))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** {@code /status}, or {@code null} before the first poll ended. */
	JsonNode status() {
		HttpResponse<String> response = get("/status");
		return (response.statusCode() == 200) ? mapper.readTree(response.body()) : null;
	}

	JsonNode json(String path) {
		return mapper.readTree(get(path).body());
	}

	String metrics() {
		return get("/metrics").body();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
