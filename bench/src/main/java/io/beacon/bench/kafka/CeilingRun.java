package io.beacon.bench.kafka;

import java.io.PrintStream;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.beacon.common.EventCodec;
import io.beacon.common.EventEnvelope;
import io.beacon.common.EventIds;
import io.beacon.common.StateTransition;
import io.beacon.common.ValidationResult;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * One sending thread hands records to the producer as fast as it takes them, blocking
 * only when {@code maxOutstanding} records await their acknowledgement; the producer's
 * callbacks count acknowledgements and their latency. The measured windows follow the
 * warm-up back to back, so the pipeline is always full.
 */
@Component
class CeilingRun {

	private static final Logger logger = LoggerFactory.getLogger(CeilingRun.class);

	/** The same record values as the wrk scripts produce through the gateway. */
	private static final String[] STATUSES = { "running", "waiting", "completed", "idle" };

	private final ProducerFactory<String, byte[]> producerFactory;

	private final CeilingProperties properties;

	private final LongAdder acknowledged = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private volatile LatencyHistogram latencies = new LatencyHistogram();

	private volatile boolean sending = true;

	CeilingRun(ProducerFactory<String, byte[]> producerFactory, CeilingProperties properties) {
		this.producerFactory = producerFactory;
		this.properties = properties;
	}

	/**
	 * Warm up, then measure the configured runs.
	 * @param out where the {@code BENCH} lines go
	 * @return whether every record was acknowledged
	 */
	boolean run(PrintStream out) {
		Map<String, Object> config = this.producerFactory.getConfigurationProperties();
		logger.info("Producer settings: acks={} enable.idempotence={} linger.ms={} batch.size={} max.in.flight={}",
				config.get(ProducerConfig.ACKS_CONFIG), config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG),
				config.get(ProducerConfig.LINGER_MS_CONFIG), config.get(ProducerConfig.BATCH_SIZE_CONFIG),
				config.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION));
		List<ProducerRecord<String, byte[]>> pool = records();
		Semaphore outstanding = new Semaphore(this.properties.maxOutstanding());
		try (Producer<String, byte[]> producer = this.producerFactory.createProducer()) {
			Thread sender = new Thread(() -> send(producer, pool, outstanding), "ceiling-send");
			sender.start();
			try {
				measure(out);
			}
			finally {
				this.sending = false;
				sender.join(TimeUnit.SECONDS.toMillis(30));
				producer.flush();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		return this.failed.sum() == 0;
	}

	private void measure(PrintStream out) throws InterruptedException {
		Window warmup = window(this.properties.warmup());
		logger.info("Warm-up done: {} events/s over {}", String.format(Locale.ROOT, "%.0f", warmup.rate()),
				this.properties.warmup());
		for (int run = 1; run <= this.properties.runs(); run++) {
			Window window = window(this.properties.duration());
			out.printf(Locale.ROOT,
					"BENCH scenario=%s run=%d requests=%d duration_s=%.3f rps=%.1f events_per_request=1 "
							+ "events_per_s=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d non2xx=0 "
							+ "cpu_machine_cores=%.2f cpu_services_cores=%.2f cpu_other_cores=%.2f%n",
					this.properties.scenario(), run, window.events(), window.seconds(), window.rate(), window.rate(),
					window.latencies().percentileMillis(50), window.latencies().percentileMillis(99),
					window.latencies().maxMillis(), window.failed(), window.machineCores(), window.serviceCores(),
					Math.max(0, window.machineCores() - window.serviceCores()));
			out.flush();
		}
	}

	/** Acknowledgements and their latencies over one interval of continuous sending. */
	private Window window(Duration length) throws InterruptedException {
		LatencyHistogram histogram = new LatencyHistogram();
		this.latencies = histogram;
		long ackedBefore = this.acknowledged.sum();
		long failedBefore = this.failed.sum();
		List<Long> pids = cpuPids();
		long[] machineBefore = ProcCpu.machine();
		long servicesBefore = ProcCpu.processes(pids);
		long start = System.nanoTime();
		// a timed measurement window, not a synchronisation
		TimeUnit.NANOSECONDS.sleep(length.toNanos());
		long events = this.acknowledged.sum() - ackedBefore;
		long failures = this.failed.sum() - failedBefore;
		double seconds = (System.nanoTime() - start) / 1e9;
		long[] machineAfter = ProcCpu.machine();
		long services = ProcCpu.processes(pids) - servicesBefore;
		this.latencies = new LatencyHistogram();
		long elapsed = machineAfter[1] - machineBefore[1];
		int cores = Runtime.getRuntime().availableProcessors();
		double machineCores = (elapsed > 0) ? cores * (double) (machineAfter[0] - machineBefore[0]) / elapsed
				: Double.NaN;
		double serviceCores = (elapsed > 0) ? cores * (double) services / elapsed : Double.NaN;
		return new Window(events, failures, seconds, histogram, machineCores, serviceCores);
	}

	private void send(Producer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> pool,
			Semaphore outstanding) {
		int next = 0;
		while (this.sending) {
			try {
				if (!outstanding.tryAcquire(100, TimeUnit.MILLISECONDS)) {
					continue;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			ProducerRecord<String, byte[]> record = pool.get(next);
			next = (next + 1 == pool.size()) ? 0 : next + 1;
			long sentAt = System.nanoTime();
			try {
				producer.send(record, (metadata, ex) -> {
					outstanding.release();
					if (ex != null) {
						this.failed.increment();
						return;
					}
					this.acknowledged.increment();
					this.latencies.recordNanos(System.nanoTime() - sentAt);
				});
			}
			catch (RuntimeException ex) {
				outstanding.release();
				this.failed.increment();
				logger.warn("Send failed: {}", ex.toString());
			}
		}
	}

	/**
	 * One envelope per agent, encoded once by the common codec: the ceiling measures the
	 * producer and the broker, not JSON encoding. Consecutive records go to random
	 * agents, so they spread over every partition the way the gateway's do.
	 */
	private List<ProducerRecord<String, byte[]>> records() {
		EventCodec codec = new EventCodec();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int agents = this.properties.agents();
		List<ProducerRecord<String, byte[]>> pool = new ArrayList<>(agents);
		Instant now = Instant.now();
		for (int i = 0; i < agents; i++) {
			String agentId = String.format(Locale.ROOT, "agent-%05d", random.nextInt(agents));
			String request = "{\"agent_id\":\"" + agentId + "\",\"status\":\"" + STATUSES[i % STATUSES.length]
					+ "\",\"timestamp\":\"" + now + "\",\"metadata\":{\"task\":\"web_search\"},\"seq\":" + i + "}";
			var parsed = codec.readEvent(request.getBytes(StandardCharsets.UTF_8));
			EventEnvelope envelope = ((ValidationResult.Valid<StateTransition>) parsed).value()
				.toEnvelope(EventIds.next(), now, "bench-ceiling");
			pool.add(new ProducerRecord<>(this.properties.topic(), agentId, codec.writeEnvelope(envelope)));
		}
		return pool;
	}

	/**
	 * This process and the broker (when its pid was given): the "services" of this
	 * scenario.
	 */
	private List<Long> cpuPids() {
		List<Long> pids = new ArrayList<>(this.properties.brokerPids());
		pids.add(ProcessHandle.current().pid());
		return pids;
	}

	private record Window(long events, long failed, double seconds, LatencyHistogram latencies, double machineCores,
			double serviceCores) {

		double rate() {
			return this.events / this.seconds;
		}

	}

}
