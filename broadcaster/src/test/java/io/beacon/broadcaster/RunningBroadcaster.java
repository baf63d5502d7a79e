package io.beacon.broadcaster;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.beacon.testsupport.OwnEventLoops;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real broadcaster in this JVM on a random port, started and stopped by the test that
 * needs it.
 */
final class RunningBroadcaster implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private RunningBroadcaster(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start a broadcaster.
	 * @param bootstrapServers the broker
	 * @param topic the topic it broadcasts
	 * @param properties more properties, {@code name=value}
	 * @return the running broadcaster, reading every partition
	 */
	static RunningBroadcaster start(String bootstrapServers, String topic, String... properties) {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrapServers,
						"--beacon.broadcaster.topic=" + topic, "--spring.main.banner-mode=off"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return new RunningBroadcaster(new SpringApplicationBuilder(BroadcasterApplication.class, OwnEventLoops.class)
			.run(args.toArray(String[]::new)));
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port");
	}

	URI webSocket() {
		return URI.create(baseUrl().replace("http:", "ws:") + "/ws");
	}

	/** The sum of a counter over all its tags; 0 before it was first used. */
	double counter(String name) {
		return Search.in(this.context.getBean(MeterRegistry.class))
			.name(name)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	/** The sum of a gauge over all its tags. */
	double gauge(String name) {
		return Search.in(this.context.getBean(MeterRegistry.class))
			.name(name)
			.gauges()
			.stream()
			.mapToDouble((gauge) -> gauge.value())
			.sum();
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
