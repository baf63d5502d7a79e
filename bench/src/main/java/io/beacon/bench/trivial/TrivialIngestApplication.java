package io.beacon.bench.trivial;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The HTTP ceiling: the gateway's server stack (Reactor Netty, WebFlux functional routes,
 * Jackson) answering {@code POST /ingest/state} with 202 and a receipt-like body after
 * reading the request body, with no validation and no Kafka. Whatever rate this reaches
 * is the most the gateway could reach on the same machine with the same load generator.
 */
@SpringBootApplication(excludeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
public class TrivialIngestApplication {

	public static void main(String[] args) {
		new SpringApplicationBuilder(TrivialIngestApplication.class).properties("spring.config.name=trivial").run(args);
	}

}
