package io.beacon.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser: {@code ./start.sh} runs the whole stack with the
 * dashboard (Vite's dev server, proxying the broadcaster, archiver and watchtower), and
 * {@code dashboard/e2e/} runs in headless Chromium through Playwright — an event in the
 * feed within 1 s, every service up, 50,000 agents and their cost, an agent's history,
 * and the page reconnecting by itself after the broadcaster is killed and started again.
 * Screenshots go to {@code e2e/target/screenshots}.
 */
class DashboardIT {

	/** Debian's Chromium: Playwright never downloads a browser here. */
	private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

	private static final Duration PLAYWRIGHT_TIMEOUT = Duration.ofMinutes(6);

	@TempDir
	Path scratch;

	@Test
	void feedAgentsStatusAndReconnectInARealBrowser() throws Exception {
		assertThat(Files.isExecutable(CHROMIUM)).as("%s is needed: apt-get install -y chromium", CHROMIUM).isTrue();
		StartScript script = new StartScript(this.scratch).with("BEACON_DASHBOARD", "auto");
		try {
			StartScript.Result up = script.run(StartScript.START_TIMEOUT, "--detach");
			assertThat(up.exitCode()).as(up.output()).isZero();
			assertThat(script.services()).containsKey("dashboard");
			up.output().lines().filter((line) -> line.contains("Beacon is up in")).forEach(System.out::println);

			Path screenshots = Path.of("target", "screenshots").toAbsolutePath();
			Map<String, String> environment = Map.of("DASHBOARD_URL", script.url("DASHBOARD_PORT"), "BEACON_LB_URL",
					script.url("LB_PORT"), "BEACON_RUN_DIR", this.scratch.resolve("data/run").toString(),
					"BEACON_LOG_DIR", this.scratch.resolve("logs").toString(), "SCREENSHOT_DIR", screenshots.toString(),
					"CHROMIUM", CHROMIUM.toString(), "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "CI", "true");
			Outcome playwright = run(List.of("npx", "playwright", "test"), environment);
			assertThat(playwright.exitCode()).as("npx playwright test in dashboard/:\n%s", playwright.output())
				.isZero();
			assertThat(playwright.output()).contains("5 passed");
			assertThat(screenshots.resolve("agents-50k.png")).exists();
		}
		finally {
			script.cleanUp();
		}
	}

	/** Runs a command in dashboard/, its output forwarded line by line as it comes. */
	private static Outcome run(List<String> command, Map<String, String> environment) throws InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(StartScript.root().resolve("dashboard").toFile())
			.redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		builder.environment().putAll(environment);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> lines = new ArrayList<>();
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					System.out.println("[playwright] " + line);
					synchronized (lines) {
						lines.add(line);
					}
				}
			}
			catch (IOException ex) {
				// the process was killed: what it printed so far is kept
			}
		}, "playwright-output");
		reader.start();
		if (!process.waitFor(PLAYWRIGHT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}
		reader.join(Duration.ofSeconds(10).toMillis());
		synchronized (lines) {
			return new Outcome(process.isAlive() ? -1 : process.exitValue(), String.join("\n", lines));
		}
	}

	/**
	 * How a command ended.
	 *
	 * @param exitCode its exit code, -1 when it was killed for taking too long
	 * @param output what it printed
	 */
	private record Outcome(int exitCode, String output) {

	}

}
