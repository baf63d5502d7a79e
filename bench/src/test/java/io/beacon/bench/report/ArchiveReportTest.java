package io.beacon.bench.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveReportTest {

	private static final List<String> RUN = List.of("BENCH run=1 scenario=sqlite-ceiling rows=1000000 rows_per_s=40000",
			"BENCH run=1 scenario=sqlite-ceiling-state rows=1000000 rows_per_s=30000",
			"BENCH run=1 scenario=sqlite-archiver rows=1000000 startup_s=8 drain_s=38 rows_per_s=36000",
			"BENCH run=2 scenario=sqlite-ceiling rows=1000000 rows_per_s=50000",
			"BENCH run=2 scenario=sqlite-ceiling-state rows=1000000 rows_per_s=32000",
			"BENCH run=2 scenario=sqlite-archiver rows=1000000 startup_s=9 drain_s=42 rows_per_s=34000",
			"BENCH run=1 scenario=postgresql-ceiling rows=1000000 rows_per_s=20000",
			"BENCH run=1 scenario=postgresql-archiver rows=1000000 startup_s=9 drain_s=80 rows_per_s=17000");

	private final ArchiveReport report = new ArchiveReport(
			RUN.stream().map(ResultLine::parse).flatMap(Optional::stream).toList(), Map.of("events", "1000000"));

	@Test
	void mediansRatiosAndVerdictsPerDatabase() {
		assertThat(this.report.targets()).containsExactly(
				"MISSED: sqlite: archiving at 77.8 % of the raw ceiling (target >= 80 %)",
				"MET: sqlite: 35,000 rows/s sustained (target >= 35,000)",
				"MISSED: sqlite: backlog drained in 40.0 s from the archiver's start (target < 40 s)",
				"MET: postgresql: archiving at 85.0 % of the raw ceiling (target >= 80 %)");
	}

	@Test
	void markdownAndJsonCarryEveryDatabase() {
		assertThat(this.report.markdown())
			.contains("| sqlite | 45,000 | 31,000 | 35,000 | 77.8 % | 112.9 % | 40.0 | 8.5 | 2 |")
			.contains("| postgresql | 20,000 | — | 17,000 | 85.0 % | — | 80.0 | 9.0 | 1 |");
		assertThat(this.report.json()).contains("\"name\": \"sqlite\", \"ceiling_rows_per_s\": 45000.000")
			.contains("\"ceiling_with_state_rows_per_s\": null");
		assertThat(Stream.of(this.report.json().split("\n")).filter((line) -> line.contains("\"name\""))).hasSize(2);
	}

}
