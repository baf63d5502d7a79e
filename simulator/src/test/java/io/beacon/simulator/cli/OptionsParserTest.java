package io.beacon.simulator.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OptionsParserTest {

	@Test
	void defaultsPlayTenAgentsAtTwentyEventsASecondThroughTheLoadBalancerUntilStopped() throws UsageException {
		Options options = OptionsParser.parse();
		assertThat(options.agents()).isEqualTo(10);
		assertThat(options.rate()).isEqualTo(20);
		assertThat(options.duration()).isNull();
		assertThat(options.url()).isEqualTo(URI.create("http://localhost:8000"));
		assertThat(options.batched()).isFalse();
		assertThat(options.connections()).isEqualTo(64);
		assertThat(options.verify()).isFalse();
		assertThat(options.archiverUrl()).isEqualTo(URI.create("http://localhost:8002"));
		assertThat(options.verifyTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.badInput()).isFalse();
		assertThat(options.burst()).isNull();
		assertThat(options.wsUrl()).isNull();
		assertThat(options.lagUrl()).isNull();
		assertThat(options.reportJson()).isNull();
		assertThat(options.slo()).isFalse();
		assertThat(options.help()).isFalse();
	}

	@Test
	void readsTheSoakOptions(@TempDir Path dir) throws UsageException {
		Path json = dir.resolve("soak.json");
		Options options = OptionsParser.parse("--agents", "50000", "--rate", "25000", "--duration", "3m",
				"--burst-rate=50,000", "--burst-at", "1m30s", "--burst-for", "30s", "--ws-url",
				"ws://localhost:8001/ws", "--lag-url", "http://localhost:9000/", "--report-json", json.toString(),
				"--slo", "--verify");
		assertThat(options.burst())
			.isEqualTo(new Options.Burst(50_000, Duration.ofSeconds(90), Duration.ofSeconds(30)));
		assertThat(options.burst().end()).isEqualTo(Duration.ofMinutes(2));
		assertThat(options.wsUrl()).isEqualTo(URI.create("ws://localhost:8001/ws"));
		assertThat(options.lagUrl()).isEqualTo(URI.create("http://localhost:9000"));
		// what 2 s of --rate bring: the archiver flushes at least every 2 s
		assertThat(options.lagNormal()).isEqualTo(50_000);
		assertThat(options.reportJson()).isEqualTo(json);
		assertThat(options.slo()).isTrue();
	}

	@Test
	void takesABurstWithoutADurationAndAWebSocketWithoutItsPath() throws UsageException {
		Options options = OptionsParser.parse("--burst-rate", "100", "--burst-at", "0", "--burst-for", "500ms",
				"--ws-url", "wss://broadcaster.example:8443", "--lag-url", "https://w:9000", "--lag-normal", "0");
		assertThat(options.burst()).isEqualTo(new Options.Burst(100, Duration.ZERO, Duration.ofMillis(500)));
		assertThat(options.wsUrl()).isEqualTo(URI.create("wss://broadcaster.example:8443/ws"));
		assertThat(options.lagNormal()).isZero();
		assertThat(OptionsParser.parse("--lag-url", "http://w:9000", "--rate", "0.4").lagNormal()).isEqualTo(1);
	}

	@Test
	void readsEveryOptionInEitherForm() throws UsageException {
		Options options = OptionsParser.parse("--agents", "50,000", "--rate=20000", "--duration", "1m30s", "--url",
				"http://gw:8010/", "--batch=100", "--connections", "256", "--request-timeout=2s", "--verify",
				"--archiver-url", "http://archive:9002", "--verify-timeout", "0");
		assertThat(options.agents()).isEqualTo(50_000);
		assertThat(options.rate()).isEqualTo(20_000);
		assertThat(options.duration()).isEqualTo(Duration.ofSeconds(90));
		assertThat(options.url()).isEqualTo(URI.create("http://gw:8010"));
		assertThat(options.batch()).isEqualTo(100);
		assertThat(options.batched()).isTrue();
		assertThat(options.connections()).isEqualTo(256);
		assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(options.verify()).isTrue();
		assertThat(options.archiverUrl()).isEqualTo(URI.create("http://archive:9002"));
		assertThat(options.verifyTimeout()).isZero();
	}

	@Test
	void takesFractionalRates() throws UsageException {
		assertThat(OptionsParser.parse("--rate", "0.5").rate()).isEqualTo(0.5);
	}

	@Test
	void helpNeedsNothingElseToBeRight() throws UsageException {
		assertThat(OptionsParser.parse("--rate", "-1", "--help").help()).isTrue();
		assertThat(OptionsParser.parse("-h").help()).isTrue();
		assertThat(OptionsParser.usage()).contains("--agents N", "--verify", "--bad-input", "Exit status",
				"--burst-rate R", "--burst-at T", "--burst-for D", "--ws-url U", "--lag-url U", "--lag-normal N",
				"--report-json FILE", "--slo");
	}

	@Test
	void badInputTakesOnlyTheUrl() throws UsageException {
		Options options = OptionsParser.parse("--bad-input", "--url", "http://localhost:8010");
		assertThat(options.badInput()).isTrue();
		assertThat(options.url().getPort()).isEqualTo(8010);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', value = { "--agents 0 | --agents must be a whole number from 1 to 1,000,000, not '0'",
			"--agents 1000001 | --agents must be a whole number from 1 to 1,000,000",
			"--agents ten | --agents must be a whole number", "--rate 0 | --rate must be events per second",
			"--rate fast | --rate must be events per second, more than 0",
			"--rate NaN | --rate must be events per second", "--duration 0s | --duration must be a duration",
			"--duration 30x | --duration must be a duration such as 30s, 2m, 1h30m or 500ms",
			"--duration 400d | --duration must be a duration",
			"--batch 0 | --batch must be a whole number from 1 to 1,000",
			"--batch 1001 | --batch must be a whole number from 1 to 1,000",
			"--connections 0 | --connections must be a whole number from 1 to 10,000",
			"--url localhost:8000 | --url must be an http:// or https:// URL",
			"--url ftp://host | --url must be an http:// or https:// URL",
			"--url http://host?x=1 | --url must be an http:// or https:// URL",
			"--request-timeout 0 | --request-timeout must be a duration", "--agents | --agents needs a value",
			"--agents --verify | --agents needs a value", "--frobnicate | unknown option --frobnicate",
			"--verify=yes | --verify takes no value", "agents | unexpected argument 'agents'",
			"--rate 1 --rate 2 | --rate is given twice", "--bad-input --rate 5 | --bad-input plays no agents",
			"--bad-input --verify | --bad-input plays no agents",
			"--archiver-url http://x:1 | --archiver-url only applies with --verify",
			"--verify-timeout 5s | --verify-timeout only applies with --verify",
			"--verify --verify-timeout soon | --verify-timeout must be a duration",
			"--burst-rate 50000 | a burst needs --burst-rate, --burst-at and --burst-for together; missing --burst-at and --burst-for",
			"--burst-at 10s --burst-for 5s | missing --burst-rate",
			"--burst-rate 0 --burst-at 1s --burst-for 1s | --burst-rate must be events per second, more than 0",
			"--burst-rate 9 --burst-at soon --burst-for 1s | --burst-at must be a duration",
			"--burst-rate 9 --burst-at 1s --burst-for 0 | --burst-for must be a duration such as 30s, 2m, 1h30m or 500ms (more than 0)",
			"--duration 1m --burst-rate 9 --burst-at 45s --burst-for 15s | the burst (--burst-at 45s + --burst-for 15s = 1m) must end before --duration 1m ends",
			"--duration 1m --burst-rate 9 --burst-at 2m --burst-for 1s | must end before --duration 1m ends",
			"--ws-url http://localhost:8001/ws | --ws-url must be a ws:// or wss:// URL such as ws://localhost:8001/ws",
			"--ws-url localhost:8001 | --ws-url must be a ws:// or wss:// URL",
			"--ws-url ws:///ws | --ws-url must be a ws:// or wss:// URL",
			"--lag-url ws://localhost:9000 | --lag-url must be an http:// or https:// URL such as http://localhost:9000",
			"--lag-normal 10 | --lag-normal only applies with --lag-url",
			"--lag-url http://w:9000 --lag-normal -1 | --lag-normal must be a whole number from 0",
			"--report-json /no/such/dir/run.json | --report-json: the directory /no/such/dir does not exist",
			"--report-json /tmp | --report-json must be a file name",
			"--slo | --slo judges the ingest-to-dashboard delay (needs --ws-url)",
			"--slo --lag-url http://w:9000 | needs --lag-url and --burst-rate/--burst-at/--burst-for",
			"--slo=1 --ws-url ws://x/ws | --slo takes no value",
			"--bad-input --ws-url ws://x/ws | --bad-input plays no agents" })
	void refusesWhatItCannotRunWithAClearReason(String commandLine, String message) {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> OptionsParser.parse(commandLine.trim().split(" +")))
			.withMessageContaining(message);
	}

}
