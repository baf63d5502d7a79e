package io.beacon.archiver.kafka;

import java.time.Clock;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The archive pipeline in {@code /actuator/health}: DOWN, with the reason, while flushes
 * fail (the consumer is paused and retrying) or after the consumer stopped for good.
 */
@Component("archive")
class ArchiveHealth implements HealthIndicator {

	private final Clock clock;

	private volatile State state = new State("starting", null, null, 0, null, 0);

	ArchiveHealth(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Health health() {
		State current = this.state;
		Health.Builder health = switch (current.phase) {
			case "starting", "running" -> Health.up();
			default -> Health.down();
		};
		health.withDetail("state", current.phase).withDetail("bufferedRecords", current.buffered);
		if (current.lastFlushAt != null) {
			health.withDetail("lastFlushAt", current.lastFlushAt.toString());
		}
		if (current.error != null) {
			health.withDetail("error", current.error)
				.withDetail("failingSince", current.failingSince.toString())
				.withDetail("attempts", current.attempts);
		}
		return health.build();
	}

	void flushed(int buffered) {
		this.state = new State("running", this.clock.instant(), null, 0, null, buffered);
	}

	void buffered(int buffered) {
		State current = this.state;
		if (current.buffered != buffered) {
			this.state = new State(current.phase, current.lastFlushAt, current.error, current.attempts,
					current.failingSince, buffered);
		}
	}

	void flushFailed(Exception ex, int attempts, int buffered) {
		State current = this.state;
		Instant since = (current.failingSince != null) ? current.failingSince : this.clock.instant();
		this.state = new State("retrying", current.lastFlushAt, describe(ex), attempts, since, buffered);
	}

	void stopped(Throwable ex) {
		State current = this.state;
		this.state = new State("stopped", current.lastFlushAt, "consumer stopped: " + describe(ex), current.attempts,
				this.clock.instant(), current.buffered);
	}

	private static String describe(Throwable ex) {
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private record State(String phase, Instant lastFlushAt, String error, int attempts, Instant failingSince,
			int buffered) {

	}

}
