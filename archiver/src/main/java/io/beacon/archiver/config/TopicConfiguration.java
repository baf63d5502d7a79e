package io.beacon.archiver.config;

import io.beacon.common.Topics;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics the archiver reads and dead-letters to; Spring's KafkaAdmin creates them at
 * start-up when missing (whoever starts first wins, the others find them there).
 */
@Configuration(proxyBeanMethods = false)
class TopicConfiguration {

	@Bean
	NewTopic stateTransitionsTopic(ArchiverProperties properties) {
		return TopicBuilder.name(properties.topic()).partitions(properties.partitions()).build();
	}

	@Bean
	NewTopic deadLetterTopic(ArchiverProperties properties) {
		return TopicBuilder.name(Topics.deadLetterOf(properties.topic())).partitions(properties.partitions()).build();
	}

}
