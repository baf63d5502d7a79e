package io.beacon.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports for servers a test starts itself, chosen below the kernel's ephemeral
 * range: a port the kernel hands out to outgoing connections (the Kafka clients of a
 * service starting beside it, say) could be taken as a client's local port between the
 * moment it is chosen and the moment a server binds it; ports below that range never are.
 * <p>
 * A port is only known to be free at the moment it is chosen; start the server right
 * away.
 */
public final class FreePorts {

	/** Above the usual service ports (8000-9999 for a stack on this machine). */
	private static final int LOWEST = 15000;

	/** The kernel's default lowest ephemeral port when its setting cannot be read. */
	private static final int DEFAULT_EPHEMERAL_LOW = 32768;

	private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

	private static final int HIGHEST = Math.max(LOWEST + 1000, ephemeralLow() - 1);

	private FreePorts() {
	}

	/** One free port. */
	public static int next() {
		return next(1)[0];
	}

	/** {@code count} distinct free ports. */
	public static int[] next(int count) {
		Set<Integer> chosen = new LinkedHashSet<>();
		for (int attempt = 0; chosen.size() < count; attempt++) {
			if (attempt > 10_000) {
				throw new IllegalStateException("No " + count + " free ports between " + LOWEST + " and " + HIGHEST);
			}
			int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
			if (!chosen.contains(port) && isFree(port)) {
				chosen.add(port);
			}
		}
		return chosen.stream().mapToInt(Integer::intValue).toArray();
	}

	private static boolean isFree(int port) {
		// the wildcard address: taken on any interface is taken
		try (ServerSocket socket = new ServerSocket(port, 1)) {
			return socket.isBound();
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int ephemeralLow() {
		try {
			String[] range = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
			return Integer.parseInt(range[0]);
		}
		catch (IOException | RuntimeException ex) {
			return DEFAULT_EPHEMERAL_LOW;
		}
	}

}
