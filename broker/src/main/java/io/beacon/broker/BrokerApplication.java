package io.beacon.broker;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * The bundled single-node Apache Kafka broker (KRaft, combined broker and controller),
 * run as its own process when no Docker engine is available for Redpanda.
 * <p>
 * Auto-configuration is imported explicitly rather than enabled wholesale: test-support
 * launches this class on other modules' test classpaths, where a full auto-configuration
 * would pick up their web servers, data sources and Kafka clients.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, LifecycleAutoConfiguration.class })
@EnableConfigurationProperties(BrokerProperties.class)
@Import({ KafkaBroker.class, ParentProcessWatch.class })
public class BrokerApplication {

	public static void main(String[] args) {
		new SpringApplicationBuilder(BrokerApplication.class).web(WebApplicationType.NONE).run(args);
	}

}
