package io.beacon.bench.broadcast;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the broadcaster says about itself: its {@code /actuator/prometheus} figures, and
 * its heap after a full collection ({@code jcmd <pid> GC.run}), which is what it keeps,
 * not what it happened to allocate since the last one. Each scrape can be kept in the
 * logs folder.
 */
final class BroadcasterProbe {

	private final HttpClient http;

	private final URI prometheus;

	private final long pid;

	private final Path dumps;

	/**
	 * A probe.
	 * @param http the client for the scrapes
	 * @param prometheus the {@code /actuator/prometheus} address
	 * @param pid the broadcaster's process
	 * @param dumps where scrapes and heap summaries are kept, or {@code null}
	 */
	BroadcasterProbe(HttpClient http, URI prometheus, long pid, Path dumps) {
		this.http = http;
		this.prometheus = prometheus;
		this.pid = pid;
		this.dumps = dumps;
	}

	/** The figures now. */
	Scrape scrape() throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(this.prometheus).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException(this.prometheus + " answered " + response.statusCode());
		}
		return Scrape.of(response.body());
	}

	/**
	 * A full collection, then the figures.
	 * @param name the scrape's name in the logs folder
	 * @return the figures, the heap after the collection
	 */
	Scrape afterFullGc(String name) throws IOException, InterruptedException {
		String gc = jcmd("GC.run");
		Scrape scrape = scrape();
		if (this.dumps != null) {
			Files.writeString(this.dumps.resolve("prometheus-" + name + ".txt"), scrape.text(), StandardCharsets.UTF_8);
			Files.writeString(this.dumps.resolve("heap-" + name + ".txt"), gc + jcmd("GC.heap_info"),
					StandardCharsets.UTF_8);
		}
		return scrape;
	}

	private String jcmd(String command) throws IOException, InterruptedException {
		Path jdk = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		String executable = Files.isExecutable(jdk) ? jdk.toString() : "jcmd";
		Process process = new ProcessBuilder(executable, Long.toString(this.pid), command).redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IOException("jcmd " + this.pid + " " + command + " failed: " + output.strip());
		}
		return output;
	}

	/**
	 * The broadcaster's figures at one moment.
	 *
	 * @param heapBytes heap in use, all memory pools together
	 * @param agents agents whose latest state it keeps
	 * @param conflated events slow clients skipped so far (they got a later state)
	 * @param closedSlow clients closed so far for not reading
	 * @param clients connected clients
	 * @param text the whole scrape
	 */
	record Scrape(double heapBytes, double agents, double conflated, double closedSlow, double clients, String text) {

		static Scrape of(String text) {
			return new Scrape(PrometheusText.sum(text, "jvm_memory_used_bytes", Map.of("area", "heap")),
					PrometheusText.sum(text, "beacon_broadcaster_agents", Map.of()),
					zeroIfAbsent(PrometheusText.sum(text, "beacon_broadcaster_events_conflated_total", Map.of())),
					zeroIfAbsent(PrometheusText.sum(text, "beacon_broadcaster_clients_closed_slow_total", Map.of())),
					zeroIfAbsent(PrometheusText.sum(text, "beacon_broadcaster_clients", Map.of())), text);
		}

		/** Per-transport meters appear with the first client of the transport. */
		private static double zeroIfAbsent(double value) {
			return Double.isNaN(value) ? 0 : value;
		}

	}

}
