package io.beacon.broker;

import java.nio.file.Path;
import java.time.Duration;

import io.beacon.common.Topics;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerPropertiesTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsComeFromApplicationYml() {
		this.contextRunner.run((context) -> {
			BrokerProperties properties = context.getBean(BrokerProperties.class);
			assertThat(properties.host()).isEqualTo("127.0.0.1");
			assertThat(properties.port()).isEqualTo(9092);
			assertThat(properties.controllerPort()).isEqualTo(9093);
			assertThat(properties.dataDir()).isEqualTo(Path.of("data/kafka"));
			assertThat(properties.partitions()).isEqualTo(Topics.DEFAULT_PARTITIONS);
			assertThat(properties.logRetention()).isEqualTo(Duration.ofDays(7));
			assertThat(properties.parentPid()).isNull();
			assertThat(properties.server()).isEmpty();
			assertThat(properties.bootstrapServers()).isEqualTo("127.0.0.1:9092");
		});
	}

	@Test
	void bindsOverridesAndPassThroughServerProperties() {
		this.contextRunner
			.withPropertyValues("beacon.broker.port=19092", "beacon.broker.data-dir=/tmp/beacon-kafka",
					"beacon.broker.server.log.segment.bytes=1048576")
			.run((context) -> {
				BrokerProperties properties = context.getBean(BrokerProperties.class);
				assertThat(properties.port()).isEqualTo(19092);
				assertThat(properties.absoluteDataDir()).isEqualTo(Path.of("/tmp/beacon-kafka"));
				assertThat(properties.server()).containsEntry("log.segment.bytes", "1048576");
			});
	}

	@Test
	void rejectsAnInvalidPort() {
		this.contextRunner.withPropertyValues("beacon.broker.port=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("beacon.broker.port"));
	}

	@Test
	void rejectsTheSamePortForClientsAndTheController() {
		this.contextRunner.withPropertyValues("beacon.broker.port=9093")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("port and controller-port must differ"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BrokerProperties.class)
	static class PropertiesConfiguration {

	}

}
