package io.beacon.watchtower;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class WatchtowerApplication {

	public static void main(String[] args) {
		SpringApplication.run(WatchtowerApplication.class, args);
	}

}
