package io.beacon.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaStorageTest {

	@TempDir
	Path dataDir;

	private BrokerProperties properties() {
		return new BrokerProperties("127.0.0.1", 19092, 19093, this.dataDir, 12, 1, Duration.ofDays(7),
				Duration.ofSeconds(30), null, Map.of());
	}

	@Test
	void formatsAnEmptyDirectoryWithAFreshClusterId() throws Exception {
		String clusterId = KafkaStorage.formatIfNeeded(properties());

		assertThat(clusterId).isNotBlank();
		assertThat(KafkaStorage.isFormatted(this.dataDir)).isTrue();
		assertThat(metaProperties()).containsEntry("cluster.id", clusterId).containsEntry("node.id", "1");
		assertThat(this.dataDir.resolve("bootstrap.checkpoint")).isRegularFile();
	}

	@Test
	void keepsExistingStorage() throws Exception {
		String clusterId = KafkaStorage.formatIfNeeded(properties());

		assertThat(KafkaStorage.formatIfNeeded(properties())).isNull();
		assertThat(metaProperties()).containsEntry("cluster.id", clusterId);
	}

	private Properties metaProperties() throws Exception {
		Properties meta = new Properties();
		try (var reader = Files.newBufferedReader(this.dataDir.resolve("meta.properties"))) {
			meta.load(reader);
		}
		return meta;
	}

}
