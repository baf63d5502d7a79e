package io.beacon.bench.kafka;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Kafka ceiling: the producer the gateway would build (Boot's producer factory bound
 * from the same {@code spring.kafka.*} settings), fed the same envelopes straight from
 * memory as fast as it takes them, with a bounded number of records outstanding. Prints
 * one {@code BENCH} line per measured run.
 */
@SpringBootApplication
@EnableConfigurationProperties(CeilingProperties.class)
public class ProducerCeiling {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ProducerCeiling.class)
			.web(WebApplicationType.NONE)
			.properties("spring.config.name=producer-ceiling")
			.run(args);
		boolean clean = context.getBean(CeilingRun.class).run(System.out);
		System.exit(SpringApplication.exit(context, () -> clean ? 0 : 1));
	}

}
