package io.beacon.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.beacon.common.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.redpanda.RedpandaContainer;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real Kafka API broker per test JVM, started on first use and stopped by a JVM
 * shutdown hook: Redpanda in Docker when a Docker engine answers, otherwise
 * spring-kafka-test's in-process KRaft broker. Either way
 * {@link Topics#STATE_TRANSITIONS} and {@link Topics#DEAD_LETTER} exist with
 * {@link Topics#DEFAULT_PARTITIONS} partitions and topics are never created implicitly.
 * <p>
 * The broker is shared by every test in the JVM: a test that counts records should use
 * its own topic ({@link #createUniqueTopic}) or remember the end offsets before it
 * starts.
 * <p>
 * {@code -Dbeacon.test.kafka=embedded|redpanda} (or {@code BEACON_TEST_KAFKA}) overrides
 * the choice; {@code beacon.test.redpanda-image} ({@code BEACON_TEST_REDPANDA_IMAGE}) the
 * image.
 */
public final class TestKafka {

	/** The Redpanda image used when none is configured. */
	public static final String DEFAULT_REDPANDA_IMAGE = "docker.redpanda.com/redpandadata/redpanda:v24.2.4";

	private static final Logger logger = LoggerFactory.getLogger(TestKafka.class);

	private static RunningBroker broker;

	private TestKafka() {
	}

	/** Where clients connect; starts the broker on first call. */
	public static String bootstrapServers() {
		return broker().bootstrapServers();
	}

	/**
	 * {@code "redpanda"} or {@code "embedded-kafka"}; starts the broker on first call.
	 */
	public static String kind() {
		return broker().kind();
	}

	/** Creates a topic unless it exists already. */
	public static void createTopic(String name, int partitions) {
		TopicAdmin.create(bootstrapServers(), name, partitions);
	}

	/**
	 * Creates a topic no other test uses.
	 * @return its name: the prefix and a random suffix
	 */
	public static String createUniqueTopic(String prefix, int partitions) {
		String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		createTopic(name, partitions);
		return name;
	}

	/**
	 * Reads a topic from the beginning until {@code expected} records arrived or the
	 * timeout passed; see {@link TopicRecords#read}.
	 */
	public static List<ConsumerRecord<String, String>> readRecords(String topic, int expected, Duration timeout) {
		return TopicRecords.read(bootstrapServers(), topic, expected, timeout);
	}

	private static synchronized RunningBroker broker() {
		if (broker == null) {
			long startedAt = System.nanoTime();
			RunningBroker started = useRedpanda() ? startRedpanda() : startEmbedded();
			Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-kafka-stop"));
			logger.info("Test broker ({}) ready on {} in {} ms", started.kind(), started.bootstrapServers(),
					Duration.ofNanos(System.nanoTime() - startedAt).toMillis());
			broker = started;
		}
		return broker;
	}

	private static boolean useRedpanda() {
		String choice = setting("beacon.test.kafka", "BEACON_TEST_KAFKA", "auto").toLowerCase(Locale.ROOT);
		return switch (choice) {
			case "redpanda" -> true;
			case "embedded" -> false;
			case "auto" -> dockerEngineLikely() && DockerClientFactory.instance().isDockerAvailable();
			default -> throw new IllegalArgumentException(
					"beacon.test.kafka must be auto, embedded or redpanda, not '" + choice + "'");
		};
	}

	/**
	 * Whether a Docker engine could answer at all. Without any of these, asking
	 * Testcontainers costs seconds and logs a page of errors about every strategy it
	 * tried.
	 */
	private static boolean dockerEngineLikely() {
		if (System.getenv("DOCKER_HOST") != null) {
			return true;
		}
		Path home = Path.of(System.getProperty("user.home"));
		List<Path> candidates = new ArrayList<>(
				List.of(Path.of("/var/run/docker.sock"), home.resolve(".docker/run/docker.sock"),
						home.resolve(".docker/desktop/docker.sock"), home.resolve(".rd/docker.sock"),
						home.resolve(".colima/default/docker.sock"), home.resolve(".testcontainers.properties")));
		String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
		if (runtimeDir != null) {
			candidates.add(Path.of(runtimeDir, "docker.sock"));
			candidates.add(Path.of(runtimeDir, "podman/podman.sock"));
		}
		return candidates.stream().anyMatch(Files::exists);
	}

	private static RunningBroker startRedpanda() {
		String image = setting("beacon.test.redpanda-image", "BEACON_TEST_REDPANDA_IMAGE", DEFAULT_REDPANDA_IMAGE);
		RedpandaContainer container = new RedpandaContainer(image);
		container.start();
		disableTopicAutoCreation(container);
		String bootstrapServers = container.getBootstrapServers();
		TopicAdmin.create(bootstrapServers, Topics.STATE_TRANSITIONS, Topics.DEFAULT_PARTITIONS);
		TopicAdmin.create(bootstrapServers, Topics.DEAD_LETTER, Topics.DEFAULT_PARTITIONS);
		return new RunningBroker("redpanda", bootstrapServers, container::stop);
	}

	/** Testcontainers enables it; the bundled broker and the embedded one do not. */
	private static void disableTopicAutoCreation(RedpandaContainer container) {
		try {
			ExecResult result = container.execInContainer("rpk", "cluster", "config", "set",
					"auto_create_topics_enabled", "false");
			if (result.getExitCode() != 0) {
				logger.warn("Redpanda still creates topics on first use: rpk answered {}", result.getStderr().strip());
			}
		}
		catch (IOException ex) {
			logger.warn("Redpanda still creates topics on first use: rpk failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while configuring Redpanda", ex);
		}
	}

	private static RunningBroker startEmbedded() {
		EmbeddedKafkaKraftBroker embedded = new EmbeddedKafkaKraftBroker(1, Topics.DEFAULT_PARTITIONS,
				Topics.STATE_TRANSITIONS, Topics.DEAD_LETTER);
		// the same rules as the bundled broker, so tests cannot lean on implicit topics
		embedded
			.brokerProperties(Map.of("auto.create.topics.enable", "false", "group.initial.rebalance.delay.ms", "0"));
		embedded.afterPropertiesSet();
		return new RunningBroker("embedded-kafka", embedded.getBrokersAsString(), embedded::destroy);
	}

	private static String setting(String property, String environmentVariable, String defaultValue) {
		String value = System.getProperty(property);
		if (value == null || value.isBlank()) {
			value = System.getenv(environmentVariable);
		}
		return (value == null || value.isBlank()) ? defaultValue : value.trim();
	}

	private record RunningBroker(String kind, String bootstrapServers, Runnable stopAction) {

		void stop() {
			try {
				this.stopAction.run();
			}
			catch (RuntimeException ex) {
				// the JVM is exiting anyway; a failed stop must not hide the tests' own
				// result
				logger.warn("Could not stop the test broker ({})", this.kind, ex);
			}
		}

	}

}
