package io.beacon.loadbalancer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in gateway that answers every request with what it received: method, path, the
 * headers a proxy sets, and the body, with status 207 and a header of its own. Its
 * {@code /actuator/health} answers 200.
 */
final class EchoBackend implements AutoCloseable {

	private final HttpServer server;

	private EchoBackend(HttpServer server) {
		this.server = server;
	}

	static EchoBackend start() {
		return startOn(0);
	}

	static EchoBackend startOn(int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
			server.createContext("/actuator/health", (exchange) -> answer(exchange, 200, "{\"status\":\"UP\"}"));
			server.createContext("/", EchoBackend::echo);
			server.setExecutor(Executors.newFixedThreadPool(4));
			server.start();
			return new EchoBackend(server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private static void echo(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		StringBuilder echo = new StringBuilder();
		echo.append(exchange.getRequestMethod()).append(' ').append(exchange.getRequestURI()).append('\n');
		for (String header : new String[] { "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host",
				"X-Forwarded-Port", "X-Custom", "Content-Type" }) {
			echo.append(header).append(": ").append(exchange.getRequestHeaders().getFirst(header)).append('\n');
		}
		echo.append('\n').append(body);
		exchange.getResponseHeaders().set("X-Echo", "yes");
		answer(exchange, 207, echo.toString());
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		((ExecutorService) this.server.getExecutor()).shutdownNow();
	}

}
