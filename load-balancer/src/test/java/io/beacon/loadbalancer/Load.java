package io.beacon.loadbalancer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that each send one event after another through the load balancer until stopped,
 * counting what was accepted and keeping every failure as {@code "<status> <body>"}.
 */
final class Load implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final RunningLoadBalancer balancer;

	private final AtomicLong accepted = new AtomicLong();

	private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

	private final List<Thread> clients = new ArrayList<>();

	private volatile boolean running = true;

	private Load(RunningLoadBalancer balancer) {
		this.balancer = balancer;
	}

	static Load start(RunningLoadBalancer balancer, int clients) {
		Load load = new Load(balancer);
		for (int i = 0; i < clients; i++) {
			String agent = "load-" + i;
			Thread client = new Thread(() -> load.send(agent), agent);
			load.clients.add(client);
			client.start();
		}
		return load;
	}

	private void send(String agent) {
		long seq = 0;
		while (this.running) {
			HttpResponse<String> response;
			try {
				response = RunningLoadBalancer.http
					.send(HttpRequest.newBuilder(URI.create(this.balancer.url() + "/ingest/state"))
						.header("Content-Type", "application/json")
						.timeout(Duration.ofSeconds(30))
						.POST(HttpRequest.BodyPublishers.ofString(Events.event(agent, seq++)))
						.build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (Exception ex) {
				this.failures.add("client error " + ex);
				continue;
			}
			if (response.statusCode() == 202) {
				this.accepted.incrementAndGet();
			}
			else {
				this.failures.add(response.statusCode() + " " + response.body());
			}
		}
	}

	long accepted() {
		return this.accepted.get();
	}

	List<String> failures() {
		return List.copyOf(this.failures);
	}

	/** Stop sending and wait for the requests in flight. */
	void stop() {
		this.running = false;
		for (Thread client : this.clients) {
			try {
				client.join(TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() {
		stop();
	}

}
