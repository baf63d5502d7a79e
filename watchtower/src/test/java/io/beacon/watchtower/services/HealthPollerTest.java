package io.beacon.watchtower.services;

import java.time.Clock;
import java.time.Duration;

import io.beacon.testsupport.FreePorts;
import io.beacon.watchtower.StandInService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Against small real HTTP servers. */
class HealthPollerTest {

	/**
	 * For services that answer (or refuse at once): a check ends when the answer comes,
	 * so a long timeout costs nothing on a quiet machine, and on a machine under heavy
	 * load an answer that takes more than half a second is not taken for a hang.
	 */
	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	/** For the service that hangs: the whole wait, so short. */
	private static final Duration HANG_TIMEOUT = Duration.ofMillis(500);

	/** The longest a test waits for a check: well over either timeout. */
	private static final Duration BLOCK = Duration.ofSeconds(30);

	private final HealthPoller poller = poller(TIMEOUT);

	private final StandInService service = StandInService.start();

	@AfterEach
	void stop() {
		this.service.close();
	}

	@Test
	void aHealthyServiceIsUp() {
		ServiceCheck check = check();
		assertThat(check.status()).isEqualTo(ServiceCheck.UP);
		assertThat(check.httpCode()).isEqualTo(200);
		assertThat(check.error()).isNull();
		assertThat(check.checkedAt()).isNotNull();
	}

	@Test
	void anUnhealthyServiceIsDownWithTheComponentsThatAreNot() {
		this.service.answer(503, StandInService.KAFKA_DOWN);
		ServiceCheck check = check();
		assertThat(check.status()).isEqualTo(ServiceCheck.DOWN);
		assertThat(check.httpCode()).isEqualTo(503);
		assertThat(check.error()).isEqualTo("health DOWN (503): kafka DOWN - broker unreachable");
	}

	@Test
	void somethingThatIsNotHealthJsonIsDownSayingWhatItWas() {
		this.service.answer(200, "<html>hello</html>");
		ServiceCheck check = check();
		assertThat(check.status()).isEqualTo(ServiceCheck.DOWN);
		assertThat(check.error())
			.isEqualTo("health answered 200 with something else than health JSON: <html>hello</html>");
	}

	@Test
	void aServiceThatHangsIsUnreachableAfterTheTimeout() {
		this.service.hang();
		ServiceCheck check = check(poller(HANG_TIMEOUT));
		assertThat(check.status()).isEqualTo(ServiceCheck.UNREACHABLE);
		assertThat(check.httpCode()).isNull();
		assertThat(check.error()).isEqualTo("no answer within 500 ms");
		assertThat(check.latencyMs()).isGreaterThanOrEqualTo(HANG_TIMEOUT.toMillis());
	}

	@Test
	void aServiceThatIsNotThereIsUnreachableWithTheReason() {
		ServiceCheck check = this.poller
			.check(new Service("archiver", "archiver", "http://127.0.0.1:" + FreePorts.next()))
			.block(BLOCK);
		assertThat(check.status()).isEqualTo(ServiceCheck.UNREACHABLE);
		assertThat(check.error()).containsIgnoringCase("connect");
	}

	@Test
	void theGatewaysAreTheLoadBalancersBackends() {
		this.service.backends().add("http://127.0.0.1:8010");
		this.service.backends().add("http://127.0.0.1:8011");
		assertThat(this.poller.gateways(this.service.url()).block(BLOCK)).containsExactly("http://127.0.0.1:8010",
				"http://127.0.0.1:8011");
		assertThat(this.poller.gateways("http://127.0.0.1:" + FreePorts.next()).block(BLOCK))
			.as("a load balancer that does not answer lists none")
			.isEmpty();
	}

	private ServiceCheck check() {
		return check(this.poller);
	}

	private ServiceCheck check(HealthPoller poller) {
		return poller.check(new Service("broadcaster", "broadcaster", this.service.url())).block(BLOCK);
	}

	private static HealthPoller poller(Duration timeout) {
		return new HealthPoller(WebClient.create(), timeout, JsonMapper.builder().build(), Clock.systemUTC());
	}

}
