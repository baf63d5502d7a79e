package io.beacon.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real gateway on a random port, started and stopped by the test that needs it.
 */
final class RunningGateway implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final IngestClient client;

	private RunningGateway(ConfigurableApplicationContext context) {
		this.context = context;
		this.client = new IngestClient("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * Start a gateway.
	 * @param bootstrapServers the broker
	 * @param topic the topic it produces to (created at start-up when missing)
	 * @param properties more properties, {@code name=value}
	 * @return the running gateway
	 */
	static RunningGateway start(String bootstrapServers, String topic, String... properties) {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrapServers,
						"--beacon.gateway.topic=" + topic, "--spring.main.banner-mode=off"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return new RunningGateway(
				new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new)));
	}

	IngestClient client() {
		return this.client;
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * How many records a topic holds: the sum of its partitions' end offsets.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @return the total
	 */
	static long recordCount(String bootstrapServers, String topic) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get()
				.get(topic)
				.partitions()
				.stream()
				.collect(Collectors.toMap((p) -> new TopicPartition(topic, p.partition()), (p) -> OffsetSpec.latest()));
			ListOffsetsResult offsets = admin.listOffsets(latest);
			return offsets.all()
				.get()
				.values()
				.stream()
				.mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
				.sum();
		}
	}

}
