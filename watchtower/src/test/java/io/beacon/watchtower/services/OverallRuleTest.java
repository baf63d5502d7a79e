package io.beacon.watchtower.services;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.beacon.watchtower.kafka.KafkaState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class OverallRuleTest {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			everything up                       | up   | up   | up   | up   | up   | true  | 0      | up
			one gateway of two down             | up   | down | up   | up   | up   | true  | 0      | degraded
			the archiver unreachable            | up   | up   | up   | up   | unreachable | true | 0 | degraded
			the broadcaster down                | up   | up   | up   | down | up   | true  | 0      | degraded
			archive lag above the threshold     | up   | up   | up   | up   | up   | true  | 100001 | degraded
			every gateway down                  | down | down | up   | up   | up   | true  | 0      | down
			the load balancer down              | up   | up   | down | up   | up   | true  | 0      | down
			Kafka unreachable                   | up   | up   | up   | up   | up   | false | 0      | down
			""")
	void judges(String situation, String gateway1, String gateway2, String loadBalancer, String broadcaster,
			String archiver, boolean kafkaReachable, long lag, String expected) {
		List<ServiceCheck> services = new ArrayList<>(List.of(check("gateway", gateway1), check("gateway", gateway2),
				check("load-balancer", loadBalancer), check("broadcaster", broadcaster), check("archiver", archiver)));
		KafkaState kafka = new KafkaState(kafkaReachable, "localhost:9092", "t", kafkaReachable ? 12 : 0, Map.of(),
				Map.of(), kafkaReachable ? null : "TimeoutException");
		OverallRule.Verdict verdict = OverallRule.judge(services, kafka, Map.of("beacon-archiver", lag), 100_000);
		assertThat(verdict.status()).isEqualTo(expected);
		assertThat(verdict.reasons().isEmpty()).isEqualTo(expected.equals(OverallRule.UP));
	}

	private static ServiceCheck check(String kind, String status) {
		return new ServiceCheck(kind + "-" + System.nanoTime(), kind, "http://localhost", status, null, 1,
				Instant.now(), "up".equals(status) ? null : "because");
	}

}
