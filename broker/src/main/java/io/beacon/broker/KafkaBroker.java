package io.beacon.broker;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the Kafka server for as long as the application context is running: started on
 * refresh, stopped on close (which a SIGTERM triggers through Spring's shutdown hook), so
 * the log directories are always closed cleanly and the next start needs no recovery.
 */
class KafkaBroker implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(KafkaBroker.class);

	private final BrokerProperties properties;

	private volatile KafkaRaftServer server;

	private volatile DataDirLock dataDirLock;

	KafkaBroker(BrokerProperties properties) {
		this.properties = properties;
	}

	@Override
	public void start() {
		long startedAt = System.nanoTime();
		PortCheck.requireFree(this.properties.host(), this.properties.port(), "beacon.broker.port");
		PortCheck.requireFree(this.properties.host(), this.properties.controllerPort(),
				"beacon.broker.controller-port");
		try {
			this.dataDirLock = DataDirLock.acquire(this.properties.absoluteDataDir());
			String newClusterId = KafkaStorage.formatIfNeeded(this.properties);
			if (newClusterId != null) {
				logger.info("Formatted new Kafka storage in {} (cluster id {})", this.properties.absoluteDataDir(),
						newClusterId);
			}
			KafkaConfig config = KafkaServerSettings.kafkaConfig(this.properties);
			KafkaRaftServer kafka = new KafkaRaftServer(config, Time.SYSTEM);
			this.server = kafka;
			kafka.startup();
			BrokerTopics.ensure(this.properties);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stopServer();
			throw new IllegalStateException("Interrupted while starting the Kafka broker", ex);
		}
		catch (Exception ex) {
			stopServer();
			throw new IllegalStateException("Kafka broker failed to start: " + ex.getMessage(), ex);
		}
		logger.info("Kafka broker listening on {} (data: {}) - ready in {} ms", this.properties.bootstrapServers(),
				this.properties.absoluteDataDir(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
	}

	@Override
	public void stop() {
		if (this.server == null) {
			return;
		}
		long stoppingAt = System.nanoTime();
		logger.info("Kafka broker stopping");
		stopServer();
		logger.info("Kafka broker stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppingAt));
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	private void stopServer() {
		KafkaRaftServer kafka = this.server;
		if (kafka != null) {
			kafka.shutdown();
			kafka.awaitShutdown();
			this.server = null;
		}
		releaseDataDir();
	}

	private void releaseDataDir() {
		DataDirLock lock = this.dataDirLock;
		if (lock != null) {
			try {
				lock.close();
			}
			catch (IOException ex) {
				// the lock goes with the process anyway; nothing else to undo
				logger.warn("Could not release the lock on {}", this.properties.absoluteDataDir(), ex);
			}
			this.dataDirLock = null;
		}
	}

}
