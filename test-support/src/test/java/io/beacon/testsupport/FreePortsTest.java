package io.beacon.testsupport;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

	@Test
	void choosesDistinctPortsThatCanBeBound() throws Exception {
		int[] ports = FreePorts.next(3);

		assertThat(ports).hasSize(3).doesNotHaveDuplicates();
		for (int port : ports) {
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				assertThat(socket.isBound()).isTrue();
			}
		}
	}

}
