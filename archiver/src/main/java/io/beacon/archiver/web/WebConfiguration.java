package io.beacon.archiver.web;

import io.beacon.archiver.config.ArchiverProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The dashboard reads the archive from its own origin. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final ArchiverProperties properties;

	WebConfiguration(ArchiverProperties properties) {
		this.properties = properties;
	}

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		registry.addMapping("/**")
			.allowedOrigins(this.properties.cors().allowedOrigins().toArray(String[]::new))
			.allowedMethods("GET", "HEAD", "OPTIONS");
	}

}
