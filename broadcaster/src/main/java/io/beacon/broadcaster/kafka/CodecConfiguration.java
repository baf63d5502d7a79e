package io.beacon.broadcaster.kafka;

import io.beacon.common.EventCodec;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CodecConfiguration {

	@Bean
	EventCodec eventCodec() {
		return new EventCodec();
	}

}
