package io.beacon.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./start.sh} as a new user meets it: every service its own process, healthy, an
 * event through the load balancer archived, stop and restart keeping the data, Ctrl-C
 * leaving no process behind, and clear refusals before anything starts.
 */
class StartScriptIT {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Pattern RECEIPT = Pattern.compile("\"partition\":(\\d+),\"offset\":(\\d+)");

	private static final Duration STOP_TIMEOUT = Duration.ofMinutes(3);

	private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

	@TempDir
	Path scratch;

	@Test
	void helpListsEverySetting() {
		StartScript.Result help = new StartScript(this.scratch).run(Duration.ofSeconds(30), "--help");
		assertThat(help.exitCode()).isZero();
		assertThat(help.output()).contains("GATEWAY_COUNT", "LB_PORT", "BEACON_BROKER", "kafka", "redpanda",
				"BEACON_DB_URL", "jdbc:postgresql", "./start.sh stop", "./start.sh status");
	}

	@Test
	void refusesBadSettingsAndTakenPortsBeforeStartingAnything() throws IOException {
		StartScript script = new StartScript(this.scratch);
		assertRefused(script.run(Duration.ofSeconds(30), "reboot"), "unknown command 'reboot'", "Usage:");
		assertRefused(script.run(Duration.ofSeconds(30), "restart"), "usage: ./start.sh restart <service>");
		assertRefused(script.run(Duration.ofSeconds(30), "restart", "archiver"), "Beacon is not running");
		assertRefused(new StartScript(this.scratch).with("GATEWAY_COUNT", "zero").run(Duration.ofSeconds(30)),
				"GATEWAY_COUNT must be 1-99, not 'zero'");
		assertRefused(new StartScript(this.scratch).with("BEACON_BROKER", "rabbitmq").run(Duration.ofSeconds(30)),
				"BEACON_BROKER must be auto, kafka, redpanda or external");
		try (ServerSocket taken = new ServerSocket(script.port("LB_PORT"), 1, InetAddress.getLoopbackAddress())) {
			assertThat(taken.isBound()).isTrue();
			assertRefused(script.run(Duration.ofMinutes(1)), "port " + script.port("LB_PORT")
					+ " (load balancer) is taken by pid " + ProcessHandle.current().pid());
			assertThat(script.services()).as("nothing was started").isEmpty();
		}
		StartScript.Result status = script.run(Duration.ofSeconds(30), "status");
		assertThat(status.exitCode()).isEqualTo(3);
		assertThat(status.output()).contains("not running");
	}

	@Test
	void runsTheWholeStackStopsItCleanlyAndKeepsItsDataAcrossARestart() throws Exception {
		StartScript script = new StartScript(this.scratch);
		try {
			StartScript.Result up = script.run(StartScript.START_TIMEOUT, "--detach");
			assertThat(up.exitCode()).as(up.output()).isZero();
			assertThat(up.output()).contains("Beacon is up in", "broker: kafka");
			System.out.println("first start (extracting the jars, no class archive yet): " + upLine(up.output()));
			Map<String, String> services = script.services();
			List<String> expected = new ArrayList<>(List.of("broker", "gateway-1", "gateway-2", "archiver",
					"broadcaster", "load-balancer", "watchtower"));

			if (StartScript.prometheusInstalled()) {
				expected.add("prometheus");
			}
			assertThat(services).containsOnlyKeys(expected);

			StartScript.Result status = script.run(Duration.ofMinutes(1), "status");
			assertThat(status.exitCode()).as(status.output()).isZero();
			assertThat(status.output().lines().filter((line) -> line.contains(" up "))).hasSize(expected.size());

			String first = post(script, "e2e-agent", 1);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> get(script.url("ARCHIVER_PORT") + "/agents/e2e-agent/events").contains(eventId(first)));
			await().atMost(Duration.ofSeconds(60))
				.until(() -> get(script.url("WATCHTOWER_PORT") + "/status").contains("\"status\" : \"up\""));

			// the README's next step: agents played through the load balancer, then the
			// audit
			StartScript.Result simulated = script.runScript(SCRIPT_TIMEOUT, "simulator/simulate.sh", "--agents", "50",
					"--rate", "250", "--duration", "4s", "--verify", "--url", script.url("LB_PORT"), "--archiver-url",
					script.url("ARCHIVER_PORT"));
			assertThat(simulated.exitCode()).as(simulated.output()).isZero();
			assertThat(simulated.output()).contains("verify: CLEAN");
			StartScript.Result badInput = script.runScript(SCRIPT_TIMEOUT, "simulator/simulate.sh", "--bad-input",
					"--url", script.url("LB_PORT"));
			assertThat(badInput.exitCode()).as(badInput.output()).isZero();

			// the README's look into the topic, without Docker
			StartScript.Result consumed = script.runScript(SCRIPT_TIMEOUT, "broker/kafka-tool.sh", "console-consumer",
					"--bootstrap-server", "127.0.0.1:" + script.port("BEACON_KAFKA_PORT"), "--topic",
					"agent-state-transitions", "--from-beginning", "--property", "print.key=true", "--max-messages",
					"1", "--partition", Integer.toString(partition(first)), "--timeout-ms", "30000");
			assertThat(consumed.exitCode()).as(consumed.output()).isZero();
			assertThat(consumed.output()).contains("e2e-agent\t{\"event_id\":\"" + eventId(first));

			if (StartScript.prometheusInstalled()) {
				// it finds every service through the watchtower, on the port start.sh
				// gave it
				await().atMost(Duration.ofSeconds(60))
					.until(() -> get(script.url("PROMETHEUS_PORT") + "/api/v1/targets")
						.contains("\"service\":\"archiver\""));
			}

			assertRefused(script.run(Duration.ofMinutes(1), "--detach"), "already running");
			assertRefused(script.run(Duration.ofMinutes(1), "restart", "gateway-9"),
					"no service 'gateway-9' in the running stack; it has: broker");

			StartScript.Result stop = script.run(STOP_TIMEOUT, "stop");
			assertThat(stop.exitCode()).as(stop.output()).isZero();
			assertThat(stop.output()).contains("stopping the archiver (it flushes", "Stopped.");
			assertAllGone(script, services);
			for (String module : List.of("broker", "gateway", "archiver", "broadcaster", "load-balancer",
					"watchtower")) {
				assertThat(this.scratch.resolve("data/cds/" + module + "/app.jsa"))
					.as("the class archive the first run of %s wrote as it stopped", module)
					.isNotEmptyFile();
			}
			assertThat(Files.readString(script.log("archiver")))
				.contains("Stopped: everything read is archived and its offsets committed");

			// again, in the foreground this time, stopped with Ctrl-C
			StartScript.Run foreground = script.start();
			await().atMost(StartScript.START_TIMEOUT)
				.until(() -> foreground.output().contains("Ctrl-C here") || !foreground.process().isAlive());
			assertThat(foreground.output()).contains("Beacon is up", "Ctrl-C here");
			System.out.println("second start (class archives written by the first): " + upLine(foreground.output()));
			assertThat(get(script.url("ARCHIVER_PORT") + "/agents/e2e-agent/events"))
				.as("the archive kept the first run's event")
				.contains(eventId(first));
			String second = post(script, "e2e-agent", 2);
			assertThat(partition(second)).as("the same agent, the same partition").isEqualTo(partition(first));
			assertThat(offset(second)).as("the broker kept its log: offsets go on").isGreaterThan(offset(first));
			Map<String, String> restarted = script.services();
			new ProcessBuilder("kill", "-INT", Long.toString(foreground.process().pid())).start().waitFor();
			assertThat(foreground.waitFor(STOP_TIMEOUT)).isEqualTo(130);
			assertThat(foreground.output()).contains("stopping Beacon", "stopping the archiver", "stopped");
			assertAllGone(script, restarted);
			assertThat(script.services()).isEmpty();
		}
		finally {
			script.cleanUp();
		}
	}

	/** A command {@code start.sh} refuses: exit status 1 and a message saying why. */
	private static void assertRefused(StartScript.Result refused, String... says) {
		assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
		assertThat(refused.output()).contains(says);
	}

	private static String upLine(String output) {
		return output.lines().filter((line) -> line.startsWith("Beacon is up")).findFirst().orElse("?");
	}

	private static void assertAllGone(StartScript script, Map<String, String> services) {
		services.forEach((name, pid) -> assertThat(ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive))
			.as("%s (pid %s) has stopped", name, pid)
			.isEmpty());
		for (String port : List.of("GATEWAY_PORT", "LB_PORT", "BROADCASTER_PORT", "ARCHIVER_PORT", "WATCHTOWER_PORT",
				"BEACON_KAFKA_PORT", "BEACON_KAFKA_CONTROLLER_PORT", "PROMETHEUS_PORT")) {
			assertThat(listening(script.port(port))).as("something still listens on %s", port).isFalse();
		}
		assertThat(listening(script.port("GATEWAY_PORT") + 1)).as("something still listens on gateway-2's port")
			.isFalse();
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String post(StartScript script, String agent, int seq) throws Exception {
		String event = "{\"agent_id\":\"" + agent + "\",\"status\":\"running\",\"timestamp\":\"2026-06-26T12:00:00Z\","
				+ "\"seq\":" + seq + "}";
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create(script.url("LB_PORT") + "/ingest/state"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(event))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return response.body();
	}

	private static String get(String url) throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		return response.body();
	}

	private static String eventId(String receipt) {
		Matcher matcher = Pattern.compile("\"event_id\":\"([^\"]+)\"").matcher(receipt);
		assertThat(matcher.find()).as(receipt).isTrue();
		return matcher.group(1);
	}

	private static int partition(String receipt) {
		return Integer.parseInt(receipt(receipt).group(1));
	}

	private static long offset(String receipt) {
		return Long.parseLong(receipt(receipt).group(2));
	}

	private static Matcher receipt(String receipt) {
		Matcher matcher = RECEIPT.matcher(receipt);
		assertThat(matcher.find()).as(receipt).isTrue();
		return matcher;
	}

}
