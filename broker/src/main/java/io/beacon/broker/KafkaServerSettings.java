package io.beacon.broker;

import java.util.LinkedHashMap;
import java.util.Map;

import kafka.server.KafkaConfig;

/**
 * Derives the Kafka server configuration of a single combined broker and controller from
 * {@link BrokerProperties}.
 */
final class KafkaServerSettings {

	static final String CLIENT_LISTENER = "PLAINTEXT";

	static final String CONTROLLER_LISTENER = "CONTROLLER";

	private KafkaServerSettings() {
	}

	static Map<String, String> serverProperties(BrokerProperties properties) {
		String host = properties.host();
		String clientEndpoint = CLIENT_LISTENER + "://" + host + ":" + properties.port();
		String controllerEndpoint = CONTROLLER_LISTENER + "://" + host + ":" + properties.controllerPort();
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("process.roles", "broker,controller");
		settings.put("node.id", Integer.toString(properties.nodeId()));
		// a dynamic (KIP-853) quorum of one: the storage is formatted as a standalone
		// controller
		settings.put("controller.quorum.bootstrap.servers", host + ":" + properties.controllerPort());
		settings.put("controller.listener.names", CONTROLLER_LISTENER);
		settings.put("inter.broker.listener.name", CLIENT_LISTENER);
		settings.put("listeners", clientEndpoint + "," + controllerEndpoint);
		settings.put("advertised.listeners", clientEndpoint);
		settings.put("listener.security.protocol.map",
				CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
		settings.put("log.dirs", properties.absoluteDataDir().toString());
		settings.put("num.partitions", Integer.toString(properties.partitions()));
		// one node: every internal topic can only have one replica, and acks=all means
		// that one
		settings.put("default.replication.factor", "1");
		settings.put("min.insync.replicas", "1");
		settings.put("offsets.topic.replication.factor", "1");
		settings.put("transaction.state.log.replication.factor", "1");
		settings.put("transaction.state.log.min.isr", "1");
		settings.put("share.coordinator.state.topic.replication.factor", "1");
		settings.put("share.coordinator.state.topic.min.isr", "1");
		// topics are created on purpose (at startup, or by KafkaAdmin), never by a typo
		settings.put("auto.create.topics.enable", "false");
		settings.put("log.retention.ms", Long.toString(properties.logRetention().toMillis()));
		// the 3 s default only helps groups of many members joining at once; here it
		// delays
		// every consumer's first assignment
		settings.put("group.initial.rebalance.delay.ms", "0");
		settings.putAll(properties.server());
		return settings;
	}

	static KafkaConfig kafkaConfig(BrokerProperties properties) {
		return new KafkaConfig(serverProperties(properties), false);
	}

}
