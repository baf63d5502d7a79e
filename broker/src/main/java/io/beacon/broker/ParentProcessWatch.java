package io.beacon.broker;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Shuts the broker down once the process that launched it has gone, even if that process
 * was killed and never stopped its child; see {@link BrokerProperties#parentPid()}.
 */
class ParentProcessWatch implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(ParentProcessWatch.class);

	private final BrokerProperties properties;

	ParentProcessWatch(BrokerProperties properties) {
		this.properties = properties;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Long parentPid = this.properties.parentPid();
		if (parentPid == null) {
			return;
		}
		// never on this thread: exiting mid-refresh would leave the shutdown hook
		// waiting for the refresh, and the refresh for the exit
		ProcessHandle.of(parentPid)
			.map(ProcessHandle::onExit)
			.orElseGet(() -> CompletableFuture.completedFuture(null))
			.thenRunAsync(() -> exit(parentPid));
	}

	private static void exit(long parentPid) {
		logger.warn("Parent process {} has exited; shutting down", parentPid);
		// System.exit runs Spring's shutdown hook, which stops Kafka cleanly
		System.exit(0);
	}

}
