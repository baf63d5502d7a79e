package io.beacon.watchtower.services;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.beacon.watchtower.config.WatchtowerProperties;
import io.beacon.watchtower.kafka.KafkaState;
import io.beacon.watchtower.kafka.KafkaWatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;

/**
 * The poll: at start-up and every {@code poll-interval}, learn the gateways from the load
 * balancer, check every service at once, read the broker, and judge. The latest result is
 * what {@code /status} and the metrics show.
 */
public final class Watch implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Watch.class);

	private final HealthPoller poller;

	private final KafkaWatcher kafka;

	private final WatchtowerProperties properties;

	private final WatchMetrics metrics;

	private final Clock clock;

	private final AtomicReference<PipelineStatus> latest = new AtomicReference<>();

	private volatile Disposable schedule;

	private long previousAtNanos;

	private KafkaState previousKafka;

	public Watch(HealthPoller poller, KafkaWatcher kafka, WatchtowerProperties properties, WatchMetrics metrics,
			Clock clock) {
		this.poller = poller;
		this.kafka = kafka;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	@Override
	public void start() {
		this.schedule = Flux.interval(Duration.ZERO, this.properties.pollInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> poll().onErrorResume((ex) -> {
				logger.error("Poll failed", ex);
				return Mono.empty();
			}), 0)
			.subscribe();
	}

	/** The latest poll's result, or empty before the first one ended. */
	public Mono<PipelineStatus> latest() {
		return Mono.justOrEmpty(this.latest.get());
	}

	/** Poll now. */
	public Mono<PipelineStatus> poll() {
		Mono<List<ServiceCheck>> services = services().flatMapMany(Flux::fromIterable)
			.flatMapSequential(this.poller::check)
			.collectList();
		Mono<KafkaState> broker = Mono
			.fromCallable(() -> this.kafka.read(this.properties.topic(), this.properties.groups()))
			.subscribeOn(Schedulers.boundedElastic());
		return Mono.zip(services, broker).map((both) -> record(both.getT1(), both.getT2()));
	}

	private Mono<List<Service>> services() {
		return this.poller.gateways(this.properties.loadBalancerUrl()).map((learned) -> {
			List<Service> services = new ArrayList<>(
					List.of(Service.of("load-balancer", this.properties.loadBalancerUrl()),
							Service.of("broadcaster", this.properties.broadcasterUrl()),
							Service.of("archiver", this.properties.archiverUrl())));
			Set<String> gateways = new LinkedHashSet<>();
			for (String url : learned) {
				gateways.add(Service.gateway(url).url());
			}
			for (String url : this.properties.gatewayUrls()) {
				if (!url.isBlank()) {
					gateways.add(Service.gateway(url).url());
				}
			}
			gateways.forEach((url) -> services.add(Service.gateway(url)));
			return services;
		});
	}

	private synchronized PipelineStatus record(List<ServiceCheck> checks, KafkaState kafka) {
		long now = System.nanoTime();
		Map<String, Long> lag = new LinkedHashMap<>();
		for (String group : this.properties.groups()) {
			if (kafka.reachable() && kafka.lag().containsKey(group)) {
				lag.put(group, kafka.totalLag(group));
			}
		}
		Double eventsIn = null;
		Double archived = null;
		if (this.previousKafka != null && this.previousKafka.reachable() && kafka.reachable()) {
			double seconds = (now - this.previousAtNanos) / 1e9;
			eventsIn = rate(kafka.totalEndOffset() - this.previousKafka.totalEndOffset(), seconds);
			if (!this.properties.groups().isEmpty()) {
				String group = this.properties.groups().get(0);
				long committedNow = kafka.totalEndOffset() - kafka.totalLag(group);
				long committedBefore = this.previousKafka.totalEndOffset() - this.previousKafka.totalLag(group);
				archived = rate(committedNow - committedBefore, seconds);
			}
		}
		if (kafka.reachable()) {
			this.previousKafka = kafka;
			this.previousAtNanos = now;
		}
		OverallRule.Verdict verdict = OverallRule.judge(checks, kafka, lag, this.properties.degradedLag());
		Instant checkedAt = this.clock.instant();
		PipelineStatus status = new PipelineStatus(verdict.status(), verdict.reasons(), checkedAt, checks, kafka, lag,
				eventsIn, archived);
		PipelineStatus before = this.latest.getAndSet(status);
		if (before == null || !before.status().equals(status.status())) {
			logger.info("Pipeline {}{}", status.status(),
					status.reasons().isEmpty() ? "" : ": " + String.join("; ", status.reasons()));
		}
		this.metrics.update(status);
		return status;
	}

	private static double rate(long delta, double seconds) {
		return (seconds > 0) ? Math.round(Math.max(0, delta) / seconds * 10) / 10.0 : 0;
	}

	@Override
	public void stop() {
		Disposable current = this.schedule;
		if (current != null) {
			current.dispose();
		}
		this.schedule = null;
	}

	@Override
	public boolean isRunning() {
		return this.schedule != null;
	}

}
