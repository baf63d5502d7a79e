package io.beacon.watchtower;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ops/prometheus.yml} and {@code ops/grafana-dashboard.json}: valid, and about
 * metrics the services really have.
 */
class OpsFilesTest {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern METRIC = Pattern.compile("\\bbeacon_[a-z_]+");

	private static final Pattern METER_NAME = Pattern.compile("\"(beacon\\.[a-z.]+)\"");

	private static final List<String> PROMETHEUS_SUFFIXES = List.of("_bucket", "_count", "_sum", "_total", "_max",
			"_seconds", "_events_per_second");

	@Test
	@SuppressWarnings("unchecked")
	void prometheusScrapesEveryServiceThroughTheWatchtower() throws IOException {
		Map<String, Object> config = new Yaml().load(Files.readString(ROOT.resolve("ops/prometheus.yml")));
		List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
		Map<String, Object> beacon = jobs.stream()
			.filter((job) -> "beacon".equals(job.get("job_name")))
			.findFirst()
			.orElseThrow();
		assertThat(beacon.get("metrics_path")).isEqualTo("/actuator/prometheus");
		List<Map<String, Object>> discovery = (List<Map<String, Object>>) beacon.get("http_sd_configs");
		assertThat(discovery).singleElement()
			.satisfies((sd) -> assertThat(sd.get("url")).isEqualTo("http://localhost:9000/prometheus/targets"));
		Map<String, Object> watchtower = jobs.stream()
			.filter((job) -> "watchtower".equals(job.get("job_name")))
			.findFirst()
			.orElseThrow();
		assertThat(watchtower.get("metrics_path")).isEqualTo("/metrics");
	}

	@Test
	void promtoolAcceptsThePrometheusConfig() throws Exception {
		assumeTrue(onPath("promtool"), "promtool is not installed (apt-get install prometheus)");
		Process check = new ProcessBuilder("promtool", "check", "config", ROOT.resolve("ops/prometheus.yml").toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(check.getInputStream().readAllBytes());
		assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(check.exitValue()).as(output).isZero();
	}

	@Test
	void theGrafanaDashboardShowsWhatMattersWithMetricsThatExist() throws IOException {
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Files.readString(ROOT.resolve("ops/grafana-dashboard.json")));
		List<String> titles = dashboard.path("panels")
			.valueStream()
			.map((panel) -> panel.path("title").asString())
			.toList();
		assertThat(titles).anyMatch((title) -> title.startsWith("Ingest rate"))
			.anyMatch((title) -> title.startsWith("Archive lag"))
			.anyMatch((title) -> title.startsWith("End-to-end delay"))
			.anyMatch((title) -> title.startsWith("Service up"))
			.anyMatch((title) -> title.startsWith("Gateway latency"));
		Set<String> meters = meterNames();
		List<String> unknown = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			assertThat(panel.path("gridPos").isObject()).as(panel.path("title").asString()).isTrue();
			for (JsonNode target : panel.path("targets")) {
				Matcher metric = METRIC.matcher(target.path("expr").asString());
				while (metric.find()) {
					if (!exists(metric.group(), meters)) {
						unknown.add(metric.group());
					}
				}
			}
		}
		assertThat(unknown).as("metrics no service registers").isEmpty();
	}

	/** Whether a Prometheus name is a meter's, with Micrometer's suffixes. */
	private static boolean exists(String prometheusName, Set<String> meters) {
		List<String> candidates = new ArrayList<>(List.of(prometheusName));
		for (int i = 0; i < candidates.size(); i++) {
			for (String suffix : PROMETHEUS_SUFFIXES) {
				if (candidates.get(i).endsWith(suffix)) {
					candidates.add(candidates.get(i).substring(0, candidates.get(i).length() - suffix.length()));
				}
			}
		}
		return candidates.stream().anyMatch((name) -> meters.contains(name.replace('_', '.')));
	}

	/** Every meter name written in the services' main sources. */
	private static Set<String> meterNames() throws IOException {
		Set<String> names = new TreeSet<>();
		for (String module : List.of("gateway", "load-balancer", "archiver", "broadcaster", "watchtower")) {
			try (Stream<Path> sources = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
				for (Path source : sources.filter((path) -> path.toString().endsWith(".java")).toList()) {
					Matcher name = METER_NAME.matcher(Files.readString(source));
					while (name.find()) {
						names.add(name.group(1));
					}
				}
			}
		}
		return names;
	}

	private static boolean onPath(String command) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, command)));
	}

}
