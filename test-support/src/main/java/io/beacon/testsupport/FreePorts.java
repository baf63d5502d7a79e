package io.beacon.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free TCP ports on the loopback interface, for servers a test starts itself.
 * <p>
 * A port is only known to be free at the moment it is chosen; start the server right
 * away.
 */
public final class FreePorts {

	private FreePorts() {
	}

	/** One free port. */
	public static int next() {
		return next(1)[0];
	}

	/** {@code count} distinct free ports. */
	public static int[] next(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			// all held open until every port is chosen, so the same port cannot come
			// twice
			for (int i = 0; i < count; i++) {
				sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
			}
			return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on the loopback interface", ex);
		}
		finally {
			sockets.forEach(FreePorts::closeQuietly);
		}
	}

	private static void closeQuietly(ServerSocket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing listens on it; the port is released when the socket is collected
		}
	}

}
