package io.beacon.broadcaster.stream;

/** The connection behind an {@link Outbox}. */
public interface ClientTransport {

	/** {@code ws} or {@code sse}: a metric tag. */
	String name();

	/**
	 * Whether a frame handed over now would go out without queueing behind unsent bytes.
	 */
	boolean writable();

	/**
	 * End the connection, telling the client why if it still reads.
	 * @param reason a short sentence
	 */
	void close(String reason);

}
