package io.beacon.loadbalancer.backend;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gateways in rotation. Changes replace an immutable list, so a request choosing a
 * backend never sees half a change and never waits for one; a removed backend's requests
 * in flight finish on their own.
 */
public final class BackendRegistry {

	private final AtomicReference<List<Backend>> backends = new AtomicReference<>(List.of());

	private final AtomicLong turn = new AtomicLong();

	private final MeterRegistry registry;

	public BackendRegistry(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("beacon.loadbalancer.backends", this, (self) -> self.all().size())
			.description("Gateways registered")
			.register(registry);
		Gauge
			.builder("beacon.loadbalancer.backends.healthy", this,
					(self) -> self.all().stream().filter(Backend::healthy).count())
			.description("Gateways healthy, so in rotation")
			.register(registry);
	}

	/**
	 * Add a backend; adding one already there changes nothing.
	 * @param url its normalized address ({@link BackendUrl#parse})
	 * @return the backend, and whether it is new
	 */
	public Added add(URI url) {
		while (true) {
			List<Backend> current = this.backends.get();
			Optional<Backend> existing = find(current, url);
			if (existing.isPresent()) {
				return new Added(existing.get(), false);
			}
			Backend backend = new Backend(url, this.registry);
			List<Backend> changed = new ArrayList<>(current);
			changed.add(backend);
			if (this.backends.compareAndSet(current, List.copyOf(changed))) {
				return new Added(backend, true);
			}
		}
	}

	/**
	 * Remove a backend from rotation.
	 * @param url its normalized address
	 * @return the backend removed, or empty when it was not there
	 */
	public Optional<Backend> remove(URI url) {
		while (true) {
			List<Backend> current = this.backends.get();
			Optional<Backend> existing = find(current, url);
			if (existing.isEmpty()) {
				return existing;
			}
			List<Backend> changed = new ArrayList<>(current);
			changed.remove(existing.get());
			if (this.backends.compareAndSet(current, List.copyOf(changed))) {
				return existing;
			}
		}
	}

	public List<Backend> all() {
		return this.backends.get();
	}

	/**
	 * The next healthy backend in turn.
	 * @param tried backends this request already failed to reach
	 * @return the backend, or empty when no healthy one is left
	 */
	public Optional<Backend> next(Collection<Backend> tried) {
		List<Backend> candidates = new ArrayList<>();
		for (Backend backend : this.backends.get()) {
			if (backend.healthy() && !tried.contains(backend)) {
				candidates.add(backend);
			}
		}
		if (candidates.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(candidates.get(Math.floorMod(this.turn.getAndIncrement(), candidates.size())));
	}

	private static Optional<Backend> find(List<Backend> backends, URI url) {
		return backends.stream().filter((backend) -> backend.url().equals(url)).findFirst();
	}

	/**
	 * The result of {@link #add}.
	 *
	 * @param backend the backend now registered
	 * @param created whether it was new
	 */
	public record Added(Backend backend, boolean created) {

	}

}
