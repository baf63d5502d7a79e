package io.beacon.archiver;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real archiver in this JVM on a random port, started and stopped by the test that
 * needs it.
 */
final class RunningArchiver implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private RunningArchiver(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start an archiver.
	 * @param bootstrapServers the broker
	 * @param topic the topic it archives
	 * @param database where it archives
	 * @param properties more properties, {@code name=value}
	 * @param sources more configuration classes (test doubles around real beans)
	 * @return the running archiver
	 */
	static RunningArchiver start(String bootstrapServers, String topic, TestDatabase database, List<String> properties,
			Class<?>... sources) {
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + bootstrapServers, "--beacon.archiver.topic=" + topic,
				"--spring.kafka.consumer.group-id=archiver-" + topic, "--spring.main.banner-mode=off"));
		database.archiverProperties().forEach((property) -> args.add("--" + property));
		properties.forEach((property) -> args.add("--" + property));
		List<Class<?>> all = new ArrayList<>(List.of(ArchiverApplication.class));
		all.addAll(List.of(sources));
		return new RunningArchiver(
				new SpringApplicationBuilder(all.toArray(Class<?>[]::new)).run(args.toArray(String[]::new)));
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port");
	}

	double counter(String name) {
		return this.context.getBean(MeterRegistry.class).get(name).counter().count();
	}

	double gauge(String name) {
		return this.context.getBean(MeterRegistry.class).get(name).gauge().value();
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
