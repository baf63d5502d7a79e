package io.beacon.watchtower.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What the watchtower watches and how often.
 *
 * @param pollInterval time between polls (the first runs at start-up)
 * @param checkTimeout the longest one health check may take
 * @param loadBalancerUrl the load balancer; its {@code /admin/backends} lists the
 * gateways
 * @param broadcasterUrl the broadcaster
 * @param archiverUrl the archiver
 * @param gatewayUrls gateways to check besides those the load balancer knows
 * @param topic the topic whose end offsets and consumer lag are watched
 * @param groups consumer groups whose lag is watched
 * @param degradedLag total lag of a group above which the pipeline is {@code degraded}
 * @param cors who may read {@code /status} from a browser
 */
@Validated
@ConfigurationProperties("beacon.watchtower")
public record WatchtowerProperties(@NotNull Duration pollInterval, @NotNull Duration checkTimeout,
		@NotBlank String loadBalancerUrl, @NotBlank String broadcasterUrl, @NotBlank String archiverUrl,
		@NotNull List<String> gatewayUrls, @NotBlank String topic, @NotNull List<String> groups,
		@Min(0) long degradedLag, @Valid @NotNull Cors cors) {

	/**
	 * Cross-origin access to {@code /status}.
	 *
	 * @param allowedOrigins origins allowed to read (the dashboard's, by default)
	 */
	public record Cors(@NotNull List<String> allowedOrigins) {

	}

}
