package io.beacon.gateway.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway ingests.
 *
 * @param instanceId the name written into each envelope's {@code gateway} field
 * @param topic the topic events are produced to
 * @param partitions partitions of the topic when the gateway has to create it
 * @param ackTimeout how long a request waits for the broker's acknowledgement before it
 * is answered 503
 * @param retryAfter the {@code Retry-After} advised with a 503
 * @param maxRequestSize the largest request body accepted
 * @param sendQueueCapacity records waiting to be handed to the producer before new ones
 * are refused with 503
 */
@Validated
@ConfigurationProperties("beacon.gateway")
public record GatewayProperties(@NotBlank String instanceId, @NotBlank String topic, @Min(1) int partitions,
		@NotNull Duration ackTimeout, @NotNull Duration retryAfter, @NotNull DataSize maxRequestSize,
		@Min(1) @Max(1_000_000) int sendQueueCapacity) {

}
