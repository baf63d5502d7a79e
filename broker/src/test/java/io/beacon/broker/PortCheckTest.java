package io.beacon.broker;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PortCheckTest {

	@Test
	void namesTheTakenPortAndItsProperty() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();

			BrokerPortInUseException failure = catchPortInUse(port);

			assertThat(failure).hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("beacon.broker.port");
			FailureAnalysis analysis = new BrokerPortInUseFailureAnalyzer().analyze(failure);
			assertThat(analysis.getDescription()).contains("127.0.0.1:" + port);
			assertThat(analysis.getAction()).contains("--beacon.broker.port=");
		}
	}

	@Test
	void acceptsAFreePort() throws Exception {
		int port;
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = probe.getLocalPort();
		}

		PortCheck.requireFree("127.0.0.1", port, "beacon.broker.port");
	}

	private static BrokerPortInUseException catchPortInUse(int port) {
		return assertThatExceptionOfType(BrokerPortInUseException.class)
			.isThrownBy(() -> PortCheck.requireFree("127.0.0.1", port, "beacon.broker.port"))
			.actual();
	}

}
