package io.beacon.broker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.beacon.common.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Creates the pipeline's topics when missing, so a fresh broker is usable at once.
 */
final class BrokerTopics {

	private static final Logger logger = LoggerFactory.getLogger(BrokerTopics.class);

	private BrokerTopics() {
	}

	static void ensure(BrokerProperties properties)
			throws InterruptedException, ExecutionException, TimeoutException, RetryException {
		Duration timeout = properties.startupTimeout();
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
				AdminClientConfig.CLIENT_ID_CONFIG, "beacon-broker-topics");
		// the controller acknowledges a new topic before the broker's metadata has it;
		// until
		// then clients are told it does not exist
		RetryTemplate untilVisible = new RetryTemplate(RetryPolicy.builder()
			.includes(UnknownTopicOrPartitionException.class)
			.maxRetries(Long.MAX_VALUE)
			.delay(Duration.ofMillis(50))
			.multiplier(2)
			.maxDelay(Duration.ofMillis(500))
			.timeout(timeout)
			.build());
		try (Admin admin = Admin.create(config)) {
			for (String name : List.of(Topics.STATE_TRANSITIONS, Topics.DEAD_LETTER)) {
				boolean created = create(admin, new NewTopic(name, properties.partitions(), (short) 1), timeout);
				TopicDescription topic = untilVisible.execute(() -> describe(admin, name, timeout));
				logger.info("Topic {} {} ({} partitions)", name, created ? "created" : "exists",
						topic.partitions().size());
			}
			admin.close(timeout);
		}
	}

	private static boolean create(Admin admin, NewTopic topic, Duration timeout)
			throws InterruptedException, ExecutionException, TimeoutException {
		try {
			admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof TopicExistsException) {
				return false;
			}
			throw ex;
		}
	}

	private static TopicDescription describe(Admin admin, String name, Duration timeout) throws Throwable {
		try {
			return admin.describeTopics(List.of(name))
				.topicNameValues()
				.get(name)
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw ex.getCause();
		}
	}

}
