package io.beacon.archiver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The archiver: reads every state transition from Kafka and writes it to the audit
 * database in batches, committing offsets only after the rows are committed; serves the
 * archive's read API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ArchiverApplication {

	public static void main(String[] args) {
		SpringApplication.run(ArchiverApplication.class, args);
	}

}
