package io.beacon.broadcaster.config;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topic the broadcaster reads; Spring's KafkaAdmin creates it at start-up when
 * missing (whoever starts first wins, the others find it there).
 */
@Configuration(proxyBeanMethods = false)
class TopicConfiguration {

	@Bean
	NewTopic stateTransitionsTopic(BroadcasterProperties properties) {
		return TopicBuilder.name(properties.topic()).partitions(properties.partitions()).build();
	}

}
