package io.beacon.testsupport;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Add to a reactive application started in a test (as a source of its
 * {@code SpringApplicationBuilder}) when the test runs two of them in one JVM. Reactor
 * Netty's event loops are global by default and a closing application shuts them down:
 * closing one would stop the other.
 */
@Configuration(proxyBeanMethods = false)
public class OwnEventLoops {

	@Bean
	ReactorResourceFactory reactorResourceFactory() {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		return factory;
	}

}
