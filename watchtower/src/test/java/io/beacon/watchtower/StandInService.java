package io.beacon.watchtower;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small real HTTP server standing in for a Beacon service: its {@code /actuator/health}
 * answers what the test sets (a status code and a body, or nothing at all: it hangs), and
 * as a load balancer it lists the backends the test sets at {@code /admin/backends}.
 */
public final class StandInService implements AutoCloseable {

	public static final String UP = "{\"status\":\"UP\",\"components\":{\"ping\":{\"status\":\"UP\"}}}";

	public static final String KAFKA_DOWN = "{\"status\":\"DOWN\",\"components\":{\"kafka\":{\"status\":\"DOWN\","
			+ "\"details\":{\"error\":\"broker unreachable\"}},\"ping\":{\"status\":\"UP\"}}}";

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final CountDownLatch released = new CountDownLatch(1);

	private final List<String> backends = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	private volatile String body = UP;

	private volatile boolean hang;

	private StandInService(HttpServer server) {
		this.server = server;
	}

	public static StandInService start() {
		try {
			StandInService service = new StandInService(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
			service.server.createContext("/actuator/health", service::health);
			service.server.createContext("/admin/backends", service::backends);
			service.server.setExecutor(service.executor);
			service.server.start();
			return service;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Answer health checks with this. */
	public StandInService answer(int status, String body) {
		this.status = status;
		this.body = body;
		this.hang = false;
		return this;
	}

	/** Never answer health checks. */
	public StandInService hang() {
		this.hang = true;
		return this;
	}

	/** The gateways listed at {@code /admin/backends}. */
	public List<String> backends() {
		return this.backends;
	}

	private void health(HttpExchange exchange) throws IOException {
		if (this.hang) {
			try {
				this.released.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		send(exchange, this.status, this.body);
	}

	private void backends(HttpExchange exchange) throws IOException {
		StringBuilder json = new StringBuilder("[");
		for (String url : this.backends) {
			json.append((json.length() > 1) ? "," : "")
				.append("{\"url\":\"")
				.append(url)
				.append("\",\"healthy\":true}");
		}
		send(exchange, 200, json.append(']').toString());
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.released.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
