package io.beacon.watchtower.services;

import java.time.Clock;

import io.beacon.watchtower.config.WatchtowerProperties;
import io.beacon.watchtower.kafka.KafkaWatcher;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
class WatchConfiguration {

	@Bean
	HealthPoller healthPoller(WatchtowerProperties properties, JsonMapper mapper) {
		int timeout = (int) properties.checkTimeout().toMillis();
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeout)
			.responseTimeout(properties.checkTimeout());
		WebClient client = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(http))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024))
			.build();
		return new HealthPoller(client, properties.checkTimeout(), mapper, Clock.systemUTC());
	}

	@Bean(destroyMethod = "close")
	KafkaWatcher kafkaWatcher(KafkaAdmin kafkaAdmin, WatchtowerProperties properties) {
		return new KafkaWatcher(kafkaAdmin.getConfigurationProperties(), properties.checkTimeout());
	}

	@Bean
	WatchMetrics watchMetrics(MeterRegistry registry) {
		return new WatchMetrics(registry);
	}

	@Bean
	Watch watch(HealthPoller poller, KafkaWatcher kafka, WatchtowerProperties properties, WatchMetrics metrics) {
		return new Watch(poller, kafka, properties, metrics, Clock.systemUTC());
	}

}
