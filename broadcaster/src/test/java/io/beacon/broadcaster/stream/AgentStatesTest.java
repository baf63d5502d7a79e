package io.beacon.broadcaster.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgentStatesTest {

	private final AgentStates states = new AgentStates(3);

	@Test
	void keepsTheLatestStatePerAgentAndCountsAgentsPerStatus() {
		this.states.update(state("a", "running", 1L));
		this.states.update(state("b", "running", 1L));
		this.states.update(state("a", "completed", 2L));
		assertThat(this.states.size()).isEqualTo(2);
		assertThat(this.states.perStatus()).isEqualTo(Map.of("running", 1, "completed", 1));
		assertThat(this.states.matching(Filter.of(List.of("a"), "agent_ids", null, "statuses")))
			.extracting(AgentEntry::status)
			.containsExactly("completed");
	}

	@Test
	void anOlderSeqDoesNotReplaceANewerOne() {
		this.states.update(state("a", "completed", 5L));
		this.states.update(state("a", "running", 4L));
		assertThat(this.states.matching(Filter.ALL)).extracting(AgentEntry::status).containsExactly("completed");
		assertThat(this.states.inversions()).isEqualTo(1);
		this.states.update(state("a", "idle", null));
		assertThat(this.states.matching(Filter.ALL)).extracting(AgentEntry::status)
			.as("without a seq, offset order decides")
			.containsExactly("idle");
	}

	@Test
	void pastTheBoundTheAgentUpdatedLeastRecentlyIsForgotten() {
		this.states.update(state("a", "running", 1L));
		this.states.update(state("b", "running", 1L));
		this.states.update(state("c", "idle", 1L));
		this.states.update(state("a", "waiting", 2L));
		this.states.update(state("d", "idle", 1L));
		assertThat(this.states.matching(Filter.ALL)).extracting(AgentEntry::agentId).containsExactly("c", "a", "d");
		assertThat(this.states.evicted()).isEqualTo(1);
		assertThat(this.states.perStatus()).isEqualTo(Map.of("idle", 2, "waiting", 1));
	}

	@Test
	void aSnapshotCanBeFilteredByStatus() {
		this.states.update(state("a", "running", 1L));
		this.states.update(state("b", "error", 1L));
		assertThat(this.states.matching(Filter.of(null, "agent_ids", List.of("error"), "statuses")))
			.extracting(AgentEntry::agentId)
			.containsExactly("b");
	}

	private static AgentEntry state(String agentId, String status, Long seq) {
		return new AgentEntry(agentId, status, seq, "{}".getBytes(StandardCharsets.UTF_8));
	}

}
