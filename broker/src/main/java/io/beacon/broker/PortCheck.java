package io.beacon.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Fails fast with the port's name when a listener port is taken; Kafka itself would
 * report it only after formatting storage and starting half its threads.
 */
final class PortCheck {

	private PortCheck() {
	}

	static void requireFree(String host, int port, String property) {
		try (ServerSocket socket = new ServerSocket()) {
			// a socket of a broker that just stopped may linger in TIME_WAIT; only a live
			// listener should count as taken
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(host, port));
		}
		catch (IOException ex) {
			throw new BrokerPortInUseException(host, port, property, ex);
		}
	}

}
