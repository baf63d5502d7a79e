package io.beacon.watchtower.services;

import java.time.Instant;

/**
 * One health check of one service.
 *
 * @param name {@code load-balancer}, {@code broadcaster}, {@code archiver} or
 * {@code gateway-<host>:<port>}
 * @param kind {@code load-balancer}, {@code broadcaster}, {@code archiver} or
 * {@code gateway}
 * @param url the service's base address
 * @param status {@code up}, {@code down} (it answered, not healthy) or
 * {@code unreachable}
 * @param httpCode the health endpoint's status code, or {@code null} without an answer
 * @param latencyMs how long the check took
 * @param checkedAt when it was made
 * @param error why it is not up, or {@code null}
 */
public record ServiceCheck(String name, String kind, String url, String status, Integer httpCode, long latencyMs,
		Instant checkedAt, String error) {

	public static final String UP = "up";

	public static final String DOWN = "down";

	public static final String UNREACHABLE = "unreachable";

	public boolean isUp() {
		return UP.equals(this.status);
	}

}
