package io.beacon.broker;

/**
 * A port the broker must listen on cannot be bound, most likely because a broker is
 * already running.
 */
class BrokerPortInUseException extends RuntimeException {

	private final String host;

	private final int port;

	private final String property;

	BrokerPortInUseException(String host, int port, String property, Throwable cause) {
		super("Cannot listen on " + host + ":" + port + " (" + property + "): " + cause.getMessage(), cause);
		this.host = host;
		this.port = port;
		this.property = property;
	}

	String host() {
		return this.host;
	}

	int port() {
		return this.port;
	}

	String property() {
		return this.property;
	}

}
