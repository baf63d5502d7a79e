package io.beacon.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaServerSettingsTest {

	private static BrokerProperties properties(Map<String, String> server) {
		return new BrokerProperties("127.0.0.1", 19092, 19093, Path.of("data/kafka"), 12, 1, Duration.ofDays(7),
				Duration.ofSeconds(30), null, server);
	}

	@Test
	void describesASingleCombinedNodeListeningOnTheConfiguredPorts() {
		Map<String, String> settings = KafkaServerSettings.serverProperties(properties(Map.of()));

		assertThat(settings).containsEntry("process.roles", "broker,controller")
			.containsEntry("node.id", "1")
			.containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
			.containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
			.containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:19093")
			.containsEntry("controller.listener.names", "CONTROLLER")
			.doesNotContainKey("controller.quorum.voters");
	}

	@Test
	void keepsDataInTheAbsoluteDataDirectory() {
		Map<String, String> settings = KafkaServerSettings.serverProperties(properties(Map.of()));

		assertThat(Path.of(settings.get("log.dirs"))).isAbsolute()
			.isEqualTo(Path.of("data/kafka").toAbsolutePath().normalize());
	}

	@Test
	void usesReplicationFactorOneEverywhere() {
		Map<String, String> settings = KafkaServerSettings.serverProperties(properties(Map.of()));

		assertThat(settings).containsEntry("default.replication.factor", "1")
			.containsEntry("min.insync.replicas", "1")
			.containsEntry("offsets.topic.replication.factor", "1")
			.containsEntry("transaction.state.log.replication.factor", "1")
			.containsEntry("transaction.state.log.min.isr", "1")
			.containsEntry("share.coordinator.state.topic.replication.factor", "1");
	}

	@Test
	void neverCreatesTopicsImplicitlyAndKeepsRecordsForTheConfiguredRetention() {
		Map<String, String> settings = KafkaServerSettings.serverProperties(properties(Map.of()));

		assertThat(settings).containsEntry("auto.create.topics.enable", "false")
			.containsEntry("num.partitions", "12")
			.containsEntry("log.retention.ms", Long.toString(Duration.ofDays(7).toMillis()));
	}

	@Test
	void passThroughPropertiesWinOverDerivedOnes() {
		Map<String, String> settings = KafkaServerSettings
			.serverProperties(properties(Map.of("log.retention.ms", "1000", "log.segment.bytes", "1048576")));

		assertThat(settings).containsEntry("log.retention.ms", "1000").containsEntry("log.segment.bytes", "1048576");
	}

	@Test
	void isAValidKafkaConfiguration() {
		KafkaConfig config = KafkaServerSettings.kafkaConfig(properties(Map.of()));

		assertThat(config.nodeId()).isEqualTo(1);
		assertThat(config.metadataLogDir()).isEqualTo(Path.of("data/kafka").toAbsolutePath().normalize().toString());
		assertThat(config.effectiveAdvertisedControllerListeners().head().port()).isEqualTo(19093);
	}

}
