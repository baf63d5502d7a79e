package io.beacon.loadbalancer.backend;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One gateway: its address, whether it is healthy (so in rotation), and its counts. The
 * last health check and the last failed connection both decide {@code healthy}: a refused
 * connection takes it out at once, the next good check brings it back.
 */
public final class Backend {

	private final URI url;

	private final String base;

	private final Counter requests;

	private final Counter errors;

	private final Timer latency;

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile boolean healthy = true;

	private volatile String problem;

	private volatile Instant lastChecked;

	/** Failed health checks in a row. */
	private int failedChecks;

	Backend(URI url, MeterRegistry registry) {
		this.url = url;
		this.base = url.toString();
		String backend = this.base;
		this.requests = Counter.builder("beacon.loadbalancer.requests")
			.description("Requests sent to a gateway")
			.tag("backend", backend)
			.register(registry);
		this.errors = Counter.builder("beacon.loadbalancer.errors")
			.description("Requests to a gateway that got no answer or a 5xx")
			.tag("backend", backend)
			.register(registry);
		this.latency = Timer.builder("beacon.loadbalancer.latency")
			.description("From sending a request to a gateway to its answer")
			.tag("backend", backend)
			.publishPercentileHistogram()
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(registry);
	}

	public URI url() {
		return this.url;
	}

	/** {@link #url()} as text, {@code scheme://host:port}, to put a path after. */
	public String base() {
		return this.base;
	}

	public boolean healthy() {
		return this.healthy;
	}

	/** Why it is not healthy, or {@code null}. */
	public String problem() {
		return this.problem;
	}

	public Instant lastChecked() {
		return this.lastChecked;
	}

	public long requests() {
		return (long) this.requests.count();
	}

	public long errors() {
		return (long) this.errors.count();
	}

	public int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * A health check's result: a pass puts it in rotation, {@code unhealthyAfter}
	 * failures in a row take it out (one slow answer on a busy machine does not).
	 */
	synchronized void checked(String problem, int unhealthyAfter, Instant at) {
		this.lastChecked = at;
		if (problem == null) {
			this.failedChecks = 0;
			this.healthy = true;
			this.problem = null;
			return;
		}
		this.failedChecks++;
		this.problem = problem;
		if (this.failedChecks >= unhealthyAfter) {
			this.healthy = false;
		}
	}

	/**
	 * A connection to it was refused: out of rotation until a health check passes.
	 * @param reason what happened
	 */
	public void connectionFailed(String reason) {
		this.healthy = false;
		this.problem = reason;
	}

	/** A request leaves for this backend. */
	public void sending() {
		this.requests.increment();
		this.inFlight.incrementAndGet();
	}

	/**
	 * Its answer arrived, or none will.
	 * @param nanos how long it took
	 * @param failed whether it failed (no answer, or a 5xx)
	 */
	public void answered(long nanos, boolean failed) {
		this.inFlight.decrementAndGet();
		this.latency.record(nanos, TimeUnit.NANOSECONDS);
		if (failed) {
			this.errors.increment();
		}
	}

}
