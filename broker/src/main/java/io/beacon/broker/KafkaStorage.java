package io.beacon.broker;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.DynamicVoters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats the KRaft storage on first start, as
 * {@code kafka-storage.sh format --standalone} would, but through the library-level
 * {@link Formatter}: the command-line tool ends the JVM with {@code System.exit}.
 */
final class KafkaStorage {

	private static final Logger logger = LoggerFactory.getLogger(KafkaStorage.class);

	private KafkaStorage() {
	}

	static boolean isFormatted(Path dataDir) {
		return Files.isRegularFile(dataDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME));
	}

	/**
	 * Formats the data directory unless it already holds a {@code meta.properties}.
	 * @return the cluster id of a freshly formatted directory, or {@code null} when the
	 * existing storage was kept
	 */
	static String formatIfNeeded(BrokerProperties properties) throws Exception {
		Path dataDir = properties.absoluteDataDir();
		if (isFormatted(dataDir)) {
			return null;
		}
		Files.createDirectories(dataDir);
		String clusterId = Uuid.randomUuid().toString();
		// the directory id in the voter string becomes the metadata log directory's id
		String voter = properties.nodeId() + "@" + properties.host() + ":" + properties.controllerPort() + ":"
				+ Uuid.randomUuid();
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
			new Formatter().setPrintStream(printStream)
				.setNodeId(properties.nodeId())
				.setClusterId(clusterId)
				.setControllerListenerName(KafkaServerSettings.CONTROLLER_LISTENER)
				.setDirectories(List.of(dataDir.toString()))
				.setMetadataLogDirectory(dataDir.toString())
				.setHasDynamicQuorum(true)
				.setInitialControllers(DynamicVoters.parse(voter))
				.run();
		}
		logger.debug("Kafka storage formatter: {}", output.toString(StandardCharsets.UTF_8).strip());
		return clusterId;
	}

}
