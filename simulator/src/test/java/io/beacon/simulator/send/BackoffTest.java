package io.beacon.simulator.send;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

	private static final long MS = 1_000_000L;

	@Test
	void waitsAtLeastWhatRetryAfterAsksAndASpreadMore() {
		assertThat(Backoff.delayNanos(1, "1", 0)).isEqualTo(1000 * MS);
		assertThat(Backoff.delayNanos(1, " 2 ", 0.999)).isBetween(2000 * MS, 2400 * MS);
		assertThat(Backoff.delayNanos(7, "0", 0.5)).isZero();
	}

	@Test
	void capsWhatRetryAfterAsks() {
		assertThat(Backoff.delayNanos(1, "3600", 0.5)).isEqualTo(Backoff.MAX.toNanos());
	}

	@Test
	void doublesFromTheInitialWaitUpToTheCapWithoutRetryAfter() {
		assertThat(Backoff.delayNanos(1, null, 0.999)).isBetween(99 * MS, 100 * MS);
		assertThat(Backoff.delayNanos(1, null, 0)).isEqualTo(50 * MS);
		assertThat(Backoff.delayNanos(2, null, 0.999)).isBetween(199 * MS, 200 * MS);
		assertThat(Backoff.delayNanos(4, "Wed, 21 Oct 2026 07:28:00 GMT", 0.999)).isBetween(799 * MS, 800 * MS);
		assertThat(Backoff.delayNanos(30, null, 0.999)).isLessThanOrEqualTo(Backoff.MAX.toNanos())
			.isGreaterThan(Duration.ofSeconds(4).toNanos());
		assertThat(Backoff.delayNanos(Integer.MAX_VALUE, "-1", 0.999)).isLessThanOrEqualTo(Backoff.MAX.toNanos());
	}

}
