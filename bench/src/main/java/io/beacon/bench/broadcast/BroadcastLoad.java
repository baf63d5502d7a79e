package io.beacon.bench.broadcast;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.beacon.bench.Arguments;
import io.beacon.bench.kafka.LatencyHistogram;
import io.beacon.bench.kafka.ProcCpu;

/**
 * {@code broadcast-load}: the broadcast benchmark's load and measurements, against a
 * running broker and broadcaster. WebSocket clients connect (healthy ones and slow ones),
 * then phases of open-loop load follow: a warm-up, the measured run, and a rate search
 * that stops at the first step that does not pass ({@link StepVerdict}). After each phase
 * the events still on their way may arrive ({@code drain}), then the broadcaster's heap
 * is read after a full collection. One {@code BENCH} line per phase on standard output,
 * with progress lines ({@code broadcast-load: …}) between them.
 */
final class BroadcastLoad {

	private static final double MIB = 1024.0 * 1024.0;

	private static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(60);

	private final LoadSettings settings;

	private final HttpClient http;

	private final ScheduledExecutorService scheduler;

	private final PacedProducer producer;

	private final BroadcasterProbe probe;

	private final PrintStream out;

	private final Phases phases = new Phases();

	private final List<SocketClient> clients = new ArrayList<>();

	private final int cores = Runtime.getRuntime().availableProcessors();

	private BroadcastLoad(LoadSettings settings, HttpClient http, ScheduledExecutorService scheduler,
			PacedProducer producer, PrintStream out) {
		this.settings = settings;
		this.http = http;
		this.scheduler = scheduler;
		this.producer = producer;
		this.probe = new BroadcasterProbe(http, settings.prometheus(), settings.broadcasterPid(), settings.dumps());
		this.out = out;
	}

	static void run(Arguments arguments) throws Exception {
		LoadSettings settings = LoadSettings.of(arguments);
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "slow-client-pause");
			thread.setDaemon(true);
			return thread;
		});
		try (PacedProducer producer = new PacedProducer(settings.bootstrap(), settings.topic(), settings.agents())) {
			new BroadcastLoad(settings, HttpClient.newHttpClient(), scheduler, producer, System.out).run();
		}
		finally {
			scheduler.shutdownNow();
		}
	}

	private void run() throws Exception {
		for (int i = 1; i <= this.settings.healthyClients(); i++) {
			this.clients.add(connect("healthy-" + i, Duration.ZERO));
		}
		for (int i = 1; i <= this.settings.slowClients(); i++) {
			this.clients.add(connect("slow-" + i, this.settings.slowPause()));
		}
		awaitSnapshots();
		phase("warmup", 1, this.settings.rate(), this.settings.warmup());
		phase("measured", 1, this.settings.rate(), this.settings.duration());
		int step = 0;
		for (long rate : this.settings.searchRates()) {
			StepVerdict verdict = phase("search", ++step, rate, this.settings.step());
			if (verdict != StepVerdict.PASS) {
				progress("the rate search stops at %,d events/s: %s", rate, verdict.label());
				break;
			}
		}
		for (SocketClient client : this.clients) {
			client.close();
		}
		if (this.producer.firstFailure() != null) {
			progress("the broker refused records: %s", this.producer.firstFailure());
		}
	}

	private SocketClient connect(String name, Duration pause) {
		return new SocketClient(name, pause, this.phases, this.scheduler).connect(this.http, this.settings.socket());
	}

	/**
	 * Clients the broadcaster closed are replaced before the next phase, so that every
	 * phase has its slow client and its healthy ones; a healthy one that was closed shows
	 * in its phase as lost events.
	 */
	private void reconnectClosed() throws InterruptedException {
		for (int i = 0; i < this.clients.size(); i++) {
			SocketClient client = this.clients.get(i);
			if (client.closed() != null) {
				progress("%s was closed (%s): connecting a new one", client.name(), client.closed());
				client.close();
				this.clients.set(i,
						connect(client.name(), client.isSlow() ? this.settings.slowPause() : Duration.ZERO));
			}
		}
		awaitSnapshots();
	}

	/** Healthy clients measure from their snapshot on: every event after it must come. */
	private void awaitSnapshots() throws InterruptedException {
		long deadline = System.nanoTime() + SNAPSHOT_TIMEOUT.toNanos();
		for (SocketClient client : this.clients) {
			while (!client.isSlow() && !client.snapshotDone()) {
				if (client.closed() != null || System.nanoTime() > deadline) {
					throw new IllegalStateException(client.name() + " got no snapshot: " + client.closed());
				}
				TimeUnit.MILLISECONDS.sleep(50);
			}
		}
	}

	private StepVerdict phase(String scenario, int run, long rate, Duration duration) throws Exception {
		reconnectClosed();
		BroadcasterProbe.Scrape before = this.probe.scrape();
		Map<SocketClient, SocketClient.Counts> countsBefore = new HashMap<>();
		this.clients.forEach((client) -> countsBefore.put(client, client.counts()));
		long[] machineBefore = ProcCpu.machine();
		long[] processesBefore = processJiffies();
		progress("%s %d: %,d events/s for %d s", scenario, run, rate, duration.toSeconds());

		Phase phase = this.phases.start(scenario, run, this.producer.nextSeq());
		PacedProducer.Sent sent = this.producer.send(rate, duration);
		phase.ended(sent.events());

		long[] machineAfter = ProcCpu.machine();
		long[] processesAfter = processJiffies();
		double drainSeconds = drain(phase);
		BroadcasterProbe.Scrape after = this.probe.afterFullGc(scenario + "-" + run);

		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("scenario", scenario);
		fields.put("run", run);
		fields.put("rate_target", rate);
		fields.put("rate_achieved", sent.rate());
		fields.put("events", sent.events());
		fields.put("duration_s", sent.seconds());
		fields.put("send_failures", sent.failed());
		LatencyHistogram delays = phase.healthyDelays();
		fields.put("p50_ms", delays.percentileMillis(50));
		fields.put("p99_ms", delays.percentileMillis(99));
		fields.put("p999_ms", delays.percentileMillis(99.9));
		fields.put("max_ms", delays.maxMillis());
		Received received = received(phase, countsBefore);
		received.addTo(fields);
		fields.put("drain_s", drainSeconds);
		fields.put("server_conflated", Math.round(after.conflated() - before.conflated()));
		fields.put("server_closed_slow", Math.round(after.closedSlow() - before.closedSlow()));
		fields.put("heap_mib", after.heapBytes() / MIB);
		fields.put("agents", Math.round(after.agents()));
		long machineElapsed = machineAfter[1] - machineBefore[1];
		fields.put("cpu_machine_cores", share(machineAfter[0] - machineBefore[0], machineElapsed));
		fields.put("cpu_broadcaster_cores", share(processesAfter[0] - processesBefore[0], machineElapsed));
		fields.put("cpu_broker_cores", (this.settings.brokerPid() > 0)
				? share(processesAfter[1] - processesBefore[1], machineElapsed) : Double.NaN);
		fields.put("cpu_load_cores", share(processesAfter[2] - processesBefore[2], machineElapsed));
		StepVerdict verdict = StepVerdict.of(rate, sent.rate(), delays.percentileMillis(99), received.lost(),
				this.settings.p99LimitMillis());
		fields.put("verdict", verdict.label());
		this.out.println(benchLine(fields));
		progress(
				"%s %d: %,d events at %,.0f/s; healthy p50 %.0f ms, p99 %.0f ms, max %.0f ms, lost %,d; "
						+ "slow: %,d frames, %,d conflated, %,d skipped%s; heap after GC %.1f MiB, %,.0f agents; %s",
				scenario, run, sent.events(), sent.rate(), delays.percentileMillis(50), delays.percentileMillis(99),
				delays.maxMillis(), received.lost(), received.slow().frames(), received.slow().conflatedFrames(),
				received.slow().skipped(), (received.slowClosed() > 0) ? ", closed" : "", after.heapBytes() / MIB,
				after.agents(), verdict.label());
		return verdict;
	}

	/** What the clients received of a phase. */
	private Received received(Phase phase, Map<SocketClient, SocketClient.Counts> countsBefore) {
		long delivered = 0;
		long lost = 0;
		long duplicates = 0;
		long unreadable = 0;
		long healthyConflated = 0;
		long healthyClosed = 0;
		SocketClient.Counts slow = new SocketClient.Counts(0, 0, 0, 0, 0, 0);
		long slowClosed = 0;
		for (SocketClient client : this.clients) {
			SocketClient.Counts counts = client.counts().minus(countsBefore.get(client));
			unreadable += counts.unreadable();
			if (client.isSlow()) {
				slow = slow.plus(counts);
				slowClosed += (client.closed() != null) ? 1 : 0;
				continue;
			}
			Reception reception = client.reception(phase);
			delivered += reception.distinct();
			lost += reception.missing(phase.events());
			duplicates += reception.duplicates();
			healthyConflated += counts.conflatedFrames();
			healthyClosed += (client.closed() != null) ? 1 : 0;
		}
		return new Received(this.settings.healthyClients(), delivered, lost, duplicates, unreadable, healthyConflated,
				healthyClosed, this.settings.slowClients(), slow, slowClosed);
	}

	/**
	 * Wait until every healthy client has every event of the phase, at most
	 * {@code drain}.
	 * @return seconds from the phase's end until then; NaN when some never came
	 */
	private double drain(Phase phase) throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + this.settings.drain().toNanos();
		while (System.nanoTime() < deadline) {
			boolean complete = true;
			for (SocketClient client : this.clients) {
				if (!client.isSlow() && client.reception(phase).distinct() < phase.events()) {
					complete = false;
					break;
				}
			}
			if (complete) {
				return (System.nanoTime() - start) / 1e9;
			}
			TimeUnit.MILLISECONDS.sleep(20);
		}
		return Double.NaN;
	}

	/** CPU jiffies of the broadcaster, the broker and this process. */
	private long[] processJiffies() {
		return new long[] { ProcCpu.processes(List.of(this.settings.broadcasterPid())),
				ProcCpu.processes(List.of(this.settings.brokerPid())),
				ProcCpu.processes(List.of(ProcessHandle.current().pid())) };
	}

	private double share(long jiffies, long machineElapsed) {
		return (machineElapsed > 0) ? this.cores * (double) jiffies / machineElapsed : Double.NaN;
	}

	private void progress(String format, Object... args) {
		this.out.println("broadcast-load: " + String.format(Locale.ROOT, format, args));
		this.out.flush();
	}

	/**
	 * What the clients received of one phase.
	 *
	 * @param healthyClients how many healthy clients there were
	 * @param delivered different events of the phase they received, all together
	 * @param lost events of the phase they never received, all together
	 * @param duplicates events they received more than once
	 * @param unreadable frames or events any client could not read
	 * @param healthyConflatedFrames conflated frames the healthy clients got (none, when
	 * they keep up)
	 * @param healthyClosed healthy clients closed by the end of the phase
	 * @param slowClients how many slow clients there were
	 * @param slow what the slow clients counted during the phase
	 * @param slowClosed slow clients that saw their connection closed
	 */
	private record Received(int healthyClients, long delivered, long lost, long duplicates, long unreadable,
			long healthyConflatedFrames, long healthyClosed, int slowClients, SocketClient.Counts slow,
			long slowClosed) {

		void addTo(Map<String, Object> fields) {
			fields.put("healthy_clients", this.healthyClients);
			fields.put("delivered", this.delivered);
			fields.put("lost", this.lost);
			fields.put("duplicates", this.duplicates);
			fields.put("unreadable", this.unreadable);
			fields.put("healthy_conflated_frames", this.healthyConflatedFrames);
			fields.put("healthy_closed", this.healthyClosed);
			fields.put("slow_clients", this.slowClients);
			fields.put("slow_frames", this.slow.frames());
			fields.put("slow_events", this.slow.events());
			fields.put("slow_conflated_frames", this.slow.conflatedFrames());
			fields.put("slow_states", this.slow.states());
			fields.put("slow_skipped", this.slow.skipped());
			fields.put("slow_closed", this.slowClosed);
		}

	}

	/**
	 * {@code BENCH name=value …}, numbers with at most three decimals, NaN as {@code -}.
	 */
	static String benchLine(Map<String, Object> fields) {
		StringBuilder line = new StringBuilder("BENCH");
		fields.forEach((name, value) -> {
			line.append(' ').append(name).append('=');
			if (value instanceof Double number) {
				line.append(number.isNaN() ? "-" : String.format(Locale.ROOT, "%.3f", number));
			}
			else {
				line.append(value);
			}
		});
		return line.toString();
	}

}
