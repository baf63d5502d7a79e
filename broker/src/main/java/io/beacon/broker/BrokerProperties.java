package io.beacon.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.beacon.common.Topics;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the bundled broker; defaults live in {@code application.yml}.
 *
 * @param host interface the client and controller listeners bind to and advertise
 * @param port client (PLAINTEXT) listener port
 * @param controllerPort KRaft controller listener port
 * @param dataDir log and metadata directory, relative to the working directory unless
 * absolute; formatted on first start and kept afterwards
 * @param partitions partition count of the state-transition topic and its dead-letter
 * topic
 * @param nodeId KRaft node id of this single combined broker and controller
 * @param logRetention how long records are kept
 * @param startupTimeout bound for creating the topics once the server runs
 * @param parentPid when set, the broker shuts down cleanly once that process has exited,
 * so a broker launched by a test JVM never outlives it
 * @param server extra Kafka server properties passed through unchanged; they win over the
 * derived ones
 */
@Validated
@ConfigurationProperties("beacon.broker")
record BrokerProperties(@NotBlank String host, @Min(1) @Max(65535) int port, @Min(1) @Max(65535) int controllerPort,
		@NotNull Path dataDir, @DefaultValue("" + Topics.DEFAULT_PARTITIONS) @Min(1) int partitions, @Min(0) int nodeId,
		@NotNull Duration logRetention, @NotNull Duration startupTimeout, Long parentPid, Map<String, String> server) {

	BrokerProperties {
		server = (server != null) ? Map.copyOf(server) : Map.of();
	}

	@AssertTrue(message = "port and controller-port must differ")
	boolean isPortsDistinct() {
		return this.port != this.controllerPort;
	}

	/** The data directory resolved against the working directory. */
	Path absoluteDataDir() {
		return this.dataDir.toAbsolutePath().normalize();
	}

	/** What clients put in {@code bootstrap.servers}. */
	String bootstrapServers() {
		return this.host + ":" + this.port;
	}

}
