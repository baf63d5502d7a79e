package io.beacon.simulator;

import java.util.List;

import io.beacon.gateway.GatewayApplication;
import io.beacon.testsupport.ChildJvm;
import io.beacon.testsupport.FreePorts;

/**
 * A real gateway as a child JVM (its own {@code application.yml} first on the class path,
 * which a gateway in this JVM, beside the broker's and the archiver's, would not get).
 */
final class GatewayJvm {

	private GatewayJvm() {
	}

	/**
	 * Start a gateway producing to a topic.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @return the gateway, starting
	 */
	static ChildService start(String bootstrapServers, String topic) {
		int port = FreePorts.next();
		return ChildService.start("gateway", port,
				ChildJvm.command(GatewayApplication.class, "192m",
						List.of("--server.port=" + port, "--spring.kafka.bootstrap-servers=" + bootstrapServers,
								"--beacon.gateway.topic=" + topic, "--spring.main.banner-mode=off")));
	}

}
