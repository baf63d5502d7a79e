package io.beacon.broadcaster.config;

import java.util.concurrent.TimeUnit;

import io.netty.handler.timeout.WriteTimeoutHandler;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cuts a connection whose writes stopped moving. Clients are gated so that at most one
 * frame waits on a connection, and a client stuck past {@code stuck-timeout} is closed
 * politely; but a close frame queues behind the data the peer does not read, so only the
 * transport can end such a connection.
 */
@Configuration(proxyBeanMethods = false)
class WriteTimeoutConfiguration {

	@Bean
	NettyServerCustomizer writeTimeout(BroadcasterProperties properties) {
		long millis = properties.clients().writeTimeout().toMillis();
		return (server) -> server.doOnChannelInit((observer, channel, address) -> channel.pipeline()
			.addFirst("beacon.writeTimeout", new WriteTimeoutHandler(millis, TimeUnit.MILLISECONDS)));
	}

}
