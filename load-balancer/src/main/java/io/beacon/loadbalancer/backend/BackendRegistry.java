package io.beacon.loadbalancer.backend;

import java.net.URI;
import java.util.ArrayList;
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
	 * The next healthy backend in turn. Called for every request, so it allocates
	 * nothing: one pass counts the candidates, a second finds the one whose turn it is.
	 * @param excluded a backend this request already failed to reach, or {@code null}
	 * @return the backend, or {@code null} when no healthy one is left
	 */
	public Backend next(Backend excluded) {
		List<Backend> current = this.backends.get();
		int candidates = 0;
		for (int i = 0; i < current.size(); i++) {
			if (isCandidate(current.get(i), excluded)) {
				candidates++;
			}
		}
		if (candidates == 0) {
			return null;
		}
		int wanted = (int) Math.floorMod(this.turn.getAndIncrement(), (long) candidates);
		for (int i = 0; i < current.size(); i++) {
			Backend backend = current.get(i);
			if (isCandidate(backend, excluded) && wanted-- == 0) {
				return backend;
			}
		}
		// health changed between the passes: the first healthy one will do
		for (int i = 0; i < current.size(); i++) {
			if (isCandidate(current.get(i), excluded)) {
				return current.get(i);
			}
		}
		return null;
	}

	private static boolean isCandidate(Backend backend, Backend excluded) {
		return backend != excluded && backend.healthy();
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
