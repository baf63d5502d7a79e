package io.beacon.broadcaster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import io.beacon.testsupport.BrokerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away and comes back: clients stay connected, health says why nothing
 * arrives, and events flow again by themselves. A broadcaster shutting down says so.
 */
class BrokerOutageIT {

	private static final Duration OUTAGE_TIMEOUT = Duration.ofSeconds(60);

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void clientsStayWhileTheBrokerIsDownAndEventsFlowWhenItIsBack(@TempDir Path dataDir) throws Exception {
		String topic = "agent-state-transitions";
		try (BrokerProcess broker = BrokerProcess.onFreePorts(dataDir)
			.start()
			.awaitReady(BrokerProcess.READY_TIMEOUT)) {
			RunningBroadcaster broadcaster = BroadcastIT.startReadingFrom(broker.bootstrapServers(), topic);
			try (LiveClient client = LiveClient.connect(broadcaster.webSocket())) {
				outageAndShutdown(broker, broadcaster, client, topic);
			}
			finally {
				broadcaster.close();
			}
		}
	}

	private void outageAndShutdown(BrokerProcess broker, RunningBroadcaster broadcaster, LiveClient client,
			String topic) throws Exception {
		{
			client.awaitSnapshot();
			assertThat(health(broadcaster)).startsWith("200");

			broker.stop();
			await().atMost(OUTAGE_TIMEOUT).until(() -> health(broadcaster).startsWith("503"));
			assertThat(health(broadcaster)).contains("broker unreachable");
			int statsBefore = client.frames("stats").size();
			await().atMost(OUTAGE_TIMEOUT).until(() -> client.frames("stats").size() > statsBefore + 1);
			assertThat(client.closed()).isNotDone();

			broker.start().awaitReady(BrokerProcess.READY_TIMEOUT);
			await().atMost(OUTAGE_TIMEOUT).until(() -> health(broadcaster).startsWith("200"));
			try (EventProducer producer = new EventProducer(broker.bootstrapServers(), topic)) {
				producer.send("after-outage", "running", 1);
			}
			await().atMost(OUTAGE_TIMEOUT).until(() -> client.events("after-outage").size() == 1);

			broadcaster.close();
			assertThat(client.closed()).succeedsWithin(LiveClient.TIMEOUT)
				.isEqualTo("1001 the broadcaster is shutting down");
		}
	}

	private String health(RunningBroadcaster broadcaster) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(broadcaster.baseUrl() + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
		return response.statusCode() + " " + response.body();
	}

}
