package io.beacon.bench.broadcast;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTest {

	private static final String SCRAPE = """
			# HELP jvm_memory_used_bytes The amount of used memory
			# TYPE jvm_memory_used_bytes gauge
			jvm_memory_used_bytes{application="beacon-broadcaster",area="heap",id="G1 Eden Space"} 0.0
			jvm_memory_used_bytes{application="beacon-broadcaster",area="heap",id="G1 Old Gen"} 4.194304E7
			jvm_memory_used_bytes{application="beacon-broadcaster",area="heap",id="G1 Survivor Space"} 1048576.0
			jvm_memory_used_bytes{application="beacon-broadcaster",area="nonheap",id="Metaspace"} 7.0E7
			# TYPE beacon_broadcaster_agents gauge
			beacon_broadcaster_agents{application="beacon-broadcaster"} 50000.0
			beacon_broadcaster_clients{application="beacon-broadcaster",transport="ws"} 5.0
			beacon_broadcaster_clients_closed_slow_total{application="beacon-broadcaster",transport="ws"} 1.0
			beacon_broadcaster_events_conflated_total{application="beacon-broadcaster",transport="sse"} 2.0
			beacon_broadcaster_events_conflated_total{application="beacon-broadcaster",transport="ws"} 1234.0
			odd_metric{note="a \\"quoted\\" value, with a comma",area="heap"} 3 1733400000000
			process_uptime_seconds 12.5
			""";

	@Test
	void sumsTheSamplesWithTheGivenLabels() {
		assertThat(PrometheusText.sum(SCRAPE, "jvm_memory_used_bytes", Map.of("area", "heap")))
			.isEqualTo(41_943_040 + 1_048_576);
		assertThat(PrometheusText.sum(SCRAPE, "beacon_broadcaster_events_conflated_total", Map.of())).isEqualTo(1236);
		assertThat(PrometheusText.sum(SCRAPE, "beacon_broadcaster_events_conflated_total", Map.of("transport", "ws")))
			.isEqualTo(1234);
	}

	@Test
	void tellsAMetricFromOnesWhoseNameStartsTheSame() {
		assertThat(PrometheusText.sum(SCRAPE, "beacon_broadcaster_clients", Map.of())).isEqualTo(5);
		assertThat(PrometheusText.sum(SCRAPE, "beacon_broadcaster_clients_closed_slow_total", Map.of())).isEqualTo(1);
	}

	@Test
	void readsQuotedLabelValuesTimestampsAndSamplesWithoutLabels() {
		assertThat(PrometheusText.sum(SCRAPE, "odd_metric", Map.of("note", "a \"quoted\" value, with a comma")))
			.isEqualTo(3);
		assertThat(PrometheusText.sum(SCRAPE, "process_uptime_seconds", Map.of())).isEqualTo(12.5);
	}

	@Test
	void isNotANumberForAMetricNotThere() {
		assertThat(PrometheusText.sum(SCRAPE, "beacon_broadcaster_nothing", Map.of())).isNaN();
		assertThat(PrometheusText.sum(SCRAPE, "jvm_memory_used_bytes", Map.of("area", "stack"))).isNaN();
	}

}
