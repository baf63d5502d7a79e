package io.beacon.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.awaitility.Awaitility;

/**
 * Topic administration for tests against any broker (TestKafka, BrokerProcess, ...).
 * Every call is bounded by {@link #TIMEOUT}.
 */
public final class TopicAdmin {

	/** Bound of each administrative call. */
	public static final Duration TIMEOUT = Duration.ofSeconds(30);

	private TopicAdmin() {
	}

	/**
	 * Creates the topic with replication factor 1 unless it exists already, and returns
	 * once the broker serves its metadata, so clients can use it at once.
	 */
	public static void create(String bootstrapServers, String topic, int partitions) {
		try (Admin admin = admin(bootstrapServers)) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
				.all()
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("Could not create topic " + topic, ex.getCause());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topic " + topic, ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Topic " + topic + " not created within " + TIMEOUT, ex);
		}
		partitionCount(bootstrapServers, topic);
	}

	/**
	 * The partition count of a topic, waiting up to {@link #TIMEOUT} for a topic that was
	 * just created to appear: the controller acknowledges a topic before the broker
	 * serves it.
	 */
	public static int partitionCount(String bootstrapServers, String topic) {
		try (Admin admin = admin(bootstrapServers)) {
			return Awaitility.await("topic " + topic + " on " + bootstrapServers)
				.atMost(TIMEOUT)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptionsInstanceOf(UnknownTopicOrPartitionException.class)
				.until(() -> describe(admin, topic), (description) -> true)
				.partitions()
				.size();
		}
	}

	static Admin admin(String bootstrapServers) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
	}

	private static TopicDescription describe(Admin admin, String topic) throws Exception {
		try {
			return admin.describeTopics(List.of(topic))
				.topicNameValues()
				.get(topic)
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			// unwrapped, so that an unknown topic is retried and anything else fails at
			// once
			if (ex.getCause() instanceof Exception cause) {
				throw cause;
			}
			throw ex;
		}
	}

}
