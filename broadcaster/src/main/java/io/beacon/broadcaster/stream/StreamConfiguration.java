package io.beacon.broadcaster.stream;

import java.time.Clock;

import io.beacon.broadcaster.config.BroadcasterProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

	@Bean
	StreamMetrics streamMetrics(MeterRegistry registry) {
		return new StreamMetrics(registry);
	}

	@Bean
	Hub hub(BroadcasterProperties properties, StreamMetrics metrics) {
		BroadcasterProperties.Clients clients = properties.clients();
		ClientLimits limits = new ClientLimits(clients.maxQueuedEvents(), clients.maxQueuedBytes().toBytes(),
				clients.maxEventsPerFrame(), clients.maxFrameSize().toBytes(), clients.snapshotChunk(),
				clients.stuckTimeout(), properties.maxAgents());
		return new Hub(properties.maxAgents(), clients.max(), limits, metrics);
	}

	@Bean
	Pacer pacer(Hub hub, BroadcasterProperties properties) {
		return new Pacer(hub, properties.frameInterval(), properties.statsInterval(), Clock.systemUTC());
	}

}
