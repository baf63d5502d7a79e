package io.beacon.loadbalancer.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Which gateways the load balancer starts with and how it watches them.
 *
 * @param gatewayUrls the gateways in rotation at start-up ({@code BEACON_GATEWAY_URLS},
 * comma-separated); more are added at runtime through {@code /admin/backends}
 * @param retryAfter the {@code Retry-After} of a {@code 503} when no gateway is healthy
 * @param adminToken when set, {@code /admin/**} requires {@code Authorization: Bearer}
 * with it from every client; when blank, {@code /admin/**} answers loopback clients only
 * @param maxRequestSize the largest request body, by its {@code Content-Length}, that is
 * proxied ({@code 413} above it); the gateways have the same limit by default
 * @param healthCheck the active health checks
 */
@Validated
@ConfigurationProperties("beacon.load-balancer")
public record LoadBalancerProperties(@NotNull List<String> gatewayUrls, @NotNull Duration retryAfter, String adminToken,
		@NotNull DataSize maxRequestSize, @Valid @NotNull HealthCheck healthCheck) {

	/**
	 * How each gateway's health is checked.
	 *
	 * @param path the health endpoint on each gateway
	 * @param interval time between checks
	 * @param timeout the longest a check waits for an answer
	 * @param unhealthyAfter failed checks in a row that take a gateway out of rotation (a
	 * refused connection takes it out at once)
	 */
	public record HealthCheck(@NotBlank String path, @NotNull Duration interval, @NotNull Duration timeout,
			@Min(1) int unhealthyAfter) {

	}

	/** Whether {@code /admin/**} requires a token. */
	public boolean adminTokenRequired() {
		return this.adminToken != null && !this.adminToken.isBlank();
	}

	@Override
	public String toString() {
		return "LoadBalancerProperties[gatewayUrls=" + this.gatewayUrls + ", retryAfter=" + this.retryAfter
				+ ", adminToken=" + (adminTokenRequired() ? "******" : "none") + ", maxRequestSize="
				+ this.maxRequestSize + ", healthCheck=" + this.healthCheck + "]";
	}

}
