package io.beacon.broadcaster;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BroadcasterApplication {

	public static void main(String[] args) {
		SpringApplication.run(BroadcasterApplication.class, args);
	}

}
