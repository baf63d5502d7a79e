package io.beacon.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code docker-compose.yml}, checked without a Docker engine (there is none on the
 * machines this runs on): what start.sh relies on is there, and Docker Compose itself
 * accepts the file when it is installed.
 */
class DockerComposeFileTest {

	private static final Path FILE = StartScript.root().resolve("docker-compose.yml");

	@Test
	void redpandaListensOnTheBrokerPortKeepsItsDataAndReportsItsHealth() {
		Map<String, Object> redpanda = service("redpanda");
		assertThat((String) redpanda.get("image")).startsWith("docker.redpanda.com/redpandadata/redpanda:");
		assertThat(strings(redpanda.get("ports"))).containsExactly("127.0.0.1:${BEACON_KAFKA_PORT:-9092}:9092");
		assertThat(strings(redpanda.get("command"))).contains("redpanda", "start")
			.anySatisfy((argument) -> assertThat(argument).contains("external://localhost:${BEACON_KAFKA_PORT:-9092}"));
		assertThat(strings(redpanda.get("volumes"))).containsExactly("redpanda-data:/var/lib/redpanda/data");
		assertThat(map(read().get("volumes"))).containsKey("redpanda-data");
		Map<String, Object> health = map(redpanda.get("healthcheck"));
		assertThat(strings(health.get("test"))).first().isEqualTo("CMD-SHELL");
		assertThat(health).containsKeys("interval", "timeout", "retries");
	}

	@Test
	void theTopicsAreCreatedOnceRedpandaIsHealthyWithTwelvePartitionsAndADeadLetterTopic() {
		Map<String, Object> topics = service("topics");
		assertThat(map(map(topics.get("depends_on")).get("redpanda"))).containsEntry("condition", "service_healthy");
		assertThat(map(topics.get("environment"))).containsEntry("BEACON_PARTITIONS", "${BEACON_PARTITIONS:-12}")
			.containsEntry("BEACON_TOPIC", "${BEACON_TOPIC:-agent-state-transitions}");
		String script = String.join(" ", strings(topics.get("command")));
		assertThat(script).contains("rpk topic create", "--partitions $${BEACON_PARTITIONS}", "$${BEACON_TOPIC}.dlq",
				"TOPIC_ALREADY_EXISTS");
		assertThat(topics).containsEntry("restart", "no");
	}

	@Test
	void theConsoleIsOptional() {
		assertThat(strings(service("console").get("profiles"))).containsExactly("console");
	}

	@Test
	void dockerComposeAcceptsTheFile() throws Exception {
		List<String> compose = composeCommand();
		assumeTrue(compose != null, "neither `docker compose` nor `docker-compose` is installed");
		List<String> command = new ArrayList<>(compose);
		command.addAll(List.of("-f", FILE.toString(), "config", "-q"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
	}

	private static List<String> composeCommand() throws InterruptedException {
		for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
			List<String> version = new ArrayList<>(candidate);
			version.add("version");
			try {
				Process process = new ProcessBuilder(version).redirectErrorStream(true).start();
				process.getInputStream().readAllBytes();
				if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
					return candidate;
				}
			}
			catch (IOException ex) {
				// not installed
			}
		}
		return null;
	}

	private static Map<String, Object> service(String name) {
		Map<String, Object> service = map(map(read().get("services")).get(name));
		assertThat(service).as("service %s", name).isNotNull();
		return service;
	}

	private static Map<String, Object> read() {
		try (Reader reader = Files.newBufferedReader(FILE)) {
			return new Yaml().load(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<String> strings(Object value) {
		return (List<String>) value;
	}

}
