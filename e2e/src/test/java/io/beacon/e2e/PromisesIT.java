package io.beacon.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import io.beacon.common.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four promises of issue 9 on the real stack, every service its own process as
 * {@code ./start.sh} runs them. First the soak in miniature: agents with a burst in the
 * middle, every accepted event on a WebSocket client and in the archive, the lag followed
 * to zero (the delays are printed; judging them is {@code bench/stack-bench.sh}'s). Then
 * the faults: each scenario breaks one part while the simulator plays agents through the
 * load balancer, repairs it, and passes only when the simulator's audit finds every
 * accepted event archived exactly once and in order. The load, the burst and the database
 * outage are small here (the fast subset of {@code ./mvnw verify}); the
 * {@code beacon.faults.*} system properties make them bigger (README, "Reliability"),
 * {@code bench/stack-bench.sh} runs the full soak.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PromisesIT {

	private static final int AGENTS = Integer.getInteger("beacon.faults.agents", 200);

	private static final int RATE = Integer.getInteger("beacon.faults.rate", 400);

	/**
	 * Events accepted that show the load flows: before a fault, during it, after the
	 * repair.
	 */
	private static final long FLOWING = Long.getLong("beacon.faults.flowing", 200);

	private static final Duration DB_OUTAGE = Duration.ofSeconds(Long.getLong("beacon.faults.db-outage-seconds", 10));

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Path scratch;

	private StartScript script;

	@BeforeAll
	void startTheStack(@TempDir Path scratch) {
		this.scratch = scratch;
		// the simulator's lag probe reads the watchtower, which polls every 10 s by
		// default
		this.script = new StartScript(scratch).with("BEACON_PROMETHEUS", "off")
			.with("BEACON_WATCHTOWER_POLLINTERVAL", "1s");
		StartScript.Result up = this.script.run(StartScript.START_TIMEOUT, "--detach");
		assertThat(up.exitCode()).as(up.output()).isZero();
	}

	@AfterAll
	void stopTheStack() {
		if (this.script != null) {
			this.script.cleanUp();
		}
	}

	@AfterEach
	void everyServiceIsUpAgain() {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.script.run(Duration.ofMinutes(1), "status").exitCode() == 0);
	}

	@Test
	@Order(0)
	void aBurstReachesTheDashboardWholeAndTheArchiveCatchesUp() throws Exception {
		int agents = Integer.getInteger("beacon.soak.agents", 2000);
		Path json = this.scratch.resolve("soak.json");
		StartScript.Result soak = this.script.runScript(Duration.ofMinutes(6), "simulator/simulate.sh", "--agents",
				Integer.toString(agents), "--rate", Integer.toString(agents / 2), "--batch", "100", "--duration", "30s",
				"--burst-rate", Integer.toString(agents), "--burst-at", "10s", "--burst-for", "10s", "--url",
				this.script.url("LB_PORT"), "--ws-url",
				"ws://127.0.0.1:" + this.script.port("BROADCASTER_PORT") + "/ws", "--lag-url",
				this.script.url("WATCHTOWER_PORT"), "--verify", "--archiver-url", this.script.url("ARCHIVER_PORT"),
				"--verify-timeout", "180s", "--report-json", json.toString());
		assertThat(soak.output()).as(soak.output()).contains("verify: CLEAN");
		assertThat(soak.exitCode()).as(soak.output()).isZero();
		// how fast is the benchmark's business (bench/stack-bench.sh, --slo); here: that
		// every accepted event reached a dashboard client and the archive, and the lag
		// was
		// followed to its end
		String report = Files.readString(json);
		long accepted = ((Number) JsonPath.read(report, "$.totals.accepted")).longValue();
		assertThat(accepted).isPositive();
		long seen = ((Number) JsonPath.read(report, "$.ws.run_events")).longValue();
		long skipped = ((Number) JsonPath.read(report, "$.ws.skipped_events")).longValue();
		// a client too slow for its frames gets the latest state per agent and the count
		// it missed (the broadcaster's conflation): nothing vanishes without a word
		assertThat(seen + skipped).as("this run's events seen on the WebSocket, or reported skipped")
			.isGreaterThanOrEqualTo(accepted);
		assertThat((Integer) JsonPath.read(report, "$.ws.disconnects")).isZero();
		Number drained = JsonPath.read(report, "$.lag.drain_s");
		assertThat(drained).as("seconds until the lag was 0 after the last send").isNotNull();
		assertThat((Boolean) JsonPath.read(report, "$.verify.clean")).isTrue();
		System.out.println("SOAK (figures, not judged here): " + agents + " agents, " + (agents / 2)
				+ " events/s with a 10 s burst to " + agents + "/s\n"
				+ soak.output()
					.lines()
					.filter((line) -> !line.startsWith("[") && !line.startsWith("verify: ") || line.contains("CLEAN"))
					.reduce((a, b) -> a + "\n" + b)
					.orElse("")
					.indent(2));
	}

	@Test
	@Order(1)
	void archiverKilledMidBatchAndRestartedLosesAndDuplicatesNothing() {
		SimulatedLoad load = SimulatedLoad.start(this.script, AGENTS, RATE).awaitAccepted(FLOWING);
		kill("archiver");
		load.awaitMoreAccepted(FLOWING);
		restart("archiver");
		SimulatedLoad.Report report = load.awaitMoreAccepted(FLOWING).stopAndAudit();
		assertThat(report.failed()).as("events given up on").isZero();
		verdict("archiver kill -9 mid-stream, restarted", report);
	}

	@Test
	@Order(2)
	void gatewayKilledTheLoadBalancerKeepsServing() {
		String gateway = "http://localhost:" + this.script.port("GATEWAY_PORT");
		SimulatedLoad load = SimulatedLoad.start(this.script, AGENTS, RATE).awaitAccepted(FLOWING);
		kill("gateway-1");
		load.awaitMoreAccepted(FLOWING);
		await().atMost(Duration.ofSeconds(30)).until(() -> inRotation(gateway), (rotation) -> !rotation);
		restart("gateway-1");
		await().atMost(Duration.ofSeconds(30)).until(() -> inRotation(gateway));
		SimulatedLoad.Report report = load.awaitMoreAccepted(FLOWING).stopAndAudit();
		assertThat(report.failed()).as("events given up on").isZero();
		verdict("gateway kill -9 under load, the load balancer serving on, restarted and back in rotation", report);
	}

	@Test
	@Order(3)
	void brokerStoppedAndStartedAgainClientsGet503sThenRecover() throws Exception {
		SimulatedLoad load = SimulatedLoad.start(this.script, AGENTS, RATE).awaitAccepted(FLOWING);
		long broker = pid("broker");
		new ProcessBuilder("kill", "-TERM", Long.toString(broker)).start().waitFor();
		await().atMost(Duration.ofSeconds(90)).until(() -> !alive(broker));
		HttpResponse<String> refused = await().atMost(Duration.ofSeconds(60))
			.until(() -> postTo(this.script.url("GATEWAY_PORT")), (response) -> response.statusCode() == 503);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(refused.body()).doesNotContain("Exception", "\tat ");
		restart("broker");
		SimulatedLoad.Report report = load.awaitMoreAccepted(FLOWING).stopAndAudit();
		assertThat(report.retried()).as("requests answered 503 or timed out while the broker was down").isPositive();
		verdict("broker stopped and started again (503 + Retry-After meanwhile)", report);
	}

	@Test
	@Order(4)
	void databaseUnavailableArchivingResumesByItself() throws Exception {
		SimulatedLoad load = SimulatedLoad.start(this.script, AGENTS, RATE).awaitAccepted(FLOWING);
		Path database = this.scratch.resolve("beacon.db");
		try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + database);
				Statement statement = lock.createStatement()) {
			// another writer holding the file: the archiver's flushes time out on it
			statement.execute("BEGIN EXCLUSIVE");
			await().atMost(Duration.ofSeconds(60)).until(() -> archiverHealth().statusCode() == 503);
			long acceptedBefore = load.acceptedSoFar();
			await().during(DB_OUTAGE)
				.atMost(DB_OUTAGE.plusSeconds(30))
				.until(() -> archiverHealth().statusCode() == 503);
			assertThat(load.acceptedSoFar()).as("ingest goes on while the database is unavailable")
				.isGreaterThan(acceptedBefore);
			statement.execute("ROLLBACK");
		}
		await().atMost(Duration.ofSeconds(90)).until(() -> archiverHealth().statusCode() == 200);
		SimulatedLoad.Report report = load.awaitMoreAccepted(FLOWING).stopAndAudit();
		assertThat(report.failed()).as("events given up on").isZero();
		verdict("database unavailable for " + DB_OUTAGE.toSeconds() + " s (SQLite locked by another writer)", report);
	}

	@Test
	@Order(5)
	void broadcasterKilledAndRestartedTheStreamComesBack() throws Exception {
		String ws = "ws://127.0.0.1:" + this.script.port("BROADCASTER_PORT") + "/ws";
		SimulatedLoad load = SimulatedLoad.start(this.script, AGENTS, RATE).awaitAccepted(FLOWING);
		StreamClient before = StreamClient.connect(ws);
		before.awaitEvents();
		kill("broadcaster");
		assertThat(before.closed.await(30, TimeUnit.SECONDS)).as("the client saw its stream end").isTrue();
		load.awaitMoreAccepted(FLOWING);
		restart("broadcaster");
		StreamClient after = StreamClient.connect(ws);
		after.awaitEvents();
		after.socket.abort();
		SimulatedLoad.Report report = load.awaitMoreAccepted(FLOWING).stopAndAudit();
		assertThat(report.failed()).as("events given up on").isZero();
		verdict("broadcaster kill -9 and restart (a new stream gets events again; ingest untouched)", report);
	}

	@Test
	@Order(6)
	void poisonRecordsGoToTheDeadLetterTopicAndArchivingContinues() throws Exception {
		SimulatedLoad load = SimulatedLoad.start(this.script, AGENTS, RATE).awaitAccepted(FLOWING);
		double deadLettersBefore = archiverMetric("beacon_archiver_dead_letters_total");
		List<byte[]> poison = List.of("not json at all".getBytes(StandardCharsets.UTF_8),
				"{\"agent_id\":\"poison\"".getBytes(StandardCharsets.UTF_8), "[1,2,3]".getBytes(StandardCharsets.UTF_8),
				"{\"agent_id\":\"poison\",\"status\":\"flying\"}".getBytes(StandardCharsets.UTF_8),
				new byte[] { (byte) 0xC3, 0x28, 0x00, (byte) 0xFF });
		String run = Long.toString(System.nanoTime());
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka(), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			for (int i = 0; i < poison.size(); i++) {
				String key = "poison-" + run + "-" + i;
				producer
					.send(new ProducerRecord<>(Topics.STATE_TRANSITIONS, key.getBytes(StandardCharsets.UTF_8),
							poison.get(i)))
					.get(30, TimeUnit.SECONDS);
			}
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> archiverMetric("beacon_archiver_dead_letters_total") >= deadLettersBefore + poison.size());
		assertThat(deadLetters("poison-" + run + "-")).as("dead letters with their reason and origin")
			.hasSize(poison.size());
		SimulatedLoad.Report report = load.awaitMoreAccepted(FLOWING).stopAndAudit();
		assertThat(report.failed()).as("events given up on").isZero();
		verdict(poison.size() + " poison records straight to the topic (dead-letter topic, archiving on)", report);
	}

	private void verdict(String scenario, SimulatedLoad.Report report) {
		System.out.println("FAULT PASS: " + scenario + "\n" + report.summary().indent(2));
	}

	private long pid(String service) {
		Map<String, String> services = this.script.services();
		assertThat(services).containsKey(service);
		return Long.parseLong(services.get(service));
	}

	private static boolean alive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	/** SIGKILL: a crash, nothing flushed. */
	private void kill(String service) {
		long pid = pid(service);
		ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
		await().atMost(Duration.ofSeconds(30)).until(() -> !alive(pid));
	}

	private void restart(String service) {
		StartScript.Result restarted = this.script.run(Duration.ofMinutes(4), "restart", service);
		assertThat(restarted.exitCode()).as(restarted.output()).isZero();
		assertThat(restarted.output()).contains(service + " is up");
	}

	private boolean inRotation(String gateway) throws Exception {
		String backends = get(this.script.url("LB_PORT") + "/admin/backends").body();
		List<Boolean> rotation = JsonPath.read(backends, "$..[?(@.url == '" + gateway + "')].in_rotation");
		assertThat(rotation).as(backends).hasSize(1);
		return rotation.get(0);
	}

	private HttpResponse<String> archiverHealth() throws Exception {
		return get(this.script.url("ARCHIVER_PORT") + "/actuator/health");
	}

	private double archiverMetric(String name) throws Exception {
		return get(this.script.url("ARCHIVER_PORT") + "/actuator/prometheus").body()
			.lines()
			.filter((line) -> line.startsWith(name + " ") || line.startsWith(name + "{"))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static HttpResponse<String> get(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> postTo(String gateway) throws Exception {
		String event = "{\"agent_id\":\"faults-probe\",\"status\":\"running\",\"timestamp\":\"2026-06-26T12:00:00Z\"}";
		return http.send(HttpRequest.newBuilder(URI.create(gateway + "/ingest/state"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(event))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private Properties kafka() {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + this.script.port("BEACON_KAFKA_PORT"));
		return properties;
	}

	/**
	 * The dead-letter topic's records whose key starts so, each with its three headers.
	 */
	private List<ConsumerRecord<byte[], byte[]>> deadLetters(String keyPrefix) {
		Properties properties = kafka();
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			String topic = Topics.DEAD_LETTER;
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach((record) -> {
					if (new String(record.key(), StandardCharsets.UTF_8).startsWith(keyPrefix)) {
						found.add(record);
					}
				});
				return partitions.stream().allMatch((partition) -> consumer.position(partition) >= ends.get(partition));
			});
		}
		Set<String> expected = Set.of(Topics.HEADER_DLQ_ERROR, Topics.HEADER_DLQ_PARTITION, Topics.HEADER_DLQ_OFFSET);
		for (ConsumerRecord<byte[], byte[]> record : found) {
			Set<String> headers = new HashSet<>();
			for (Header header : record.headers()) {
				headers.add(header.key());
			}
			assertThat(headers).containsAll(expected);
		}
		return found;
	}

	/** A client of the broadcaster's WebSocket, as the dashboard is one. */
	private static final class StreamClient implements WebSocket.Listener {

		private final AtomicInteger eventFrames = new AtomicInteger();

		private final CountDownLatch closed = new CountDownLatch(1);

		private WebSocket socket;

		static StreamClient connect(String url) throws Exception {
			StreamClient client = new StreamClient();
			client.socket = http.newWebSocketBuilder().buildAsync(URI.create(url), client).get(30, TimeUnit.SECONDS);
			return client;
		}

		void awaitEvents() {
			await().atMost(Duration.ofSeconds(30)).until(() -> this.eventFrames.get() > 0);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			if (data.toString().startsWith("{\"type\":\"events\"")) {
				this.eventFrames.incrementAndGet();
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.countDown();
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.countDown();
		}

	}

}
