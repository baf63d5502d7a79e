package io.beacon.simulator.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AgentNamesTest {

	private final AgentNames names = new AgentNames("k3x9q2");

	@Test
	void namesAgentsFromOneAndFindsThemAgain() {
		assertThat(this.names.name(0)).isEqualTo("sim-k3x9q2-1");
		assertThat(this.names.name(49_999)).isEqualTo("sim-k3x9q2-50000");
		for (int i = 0; i < 100_000; i += 7) {
			assertThat(this.names.indexOf(this.names.name(i))).isEqualTo(i);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "sim-other1-1", "agent-001", "sim-k3x9q2-", "sim-k3x9q2-0", "sim-k3x9q2-01",
			"sim-k3x9q2-1x", "sim-k3x9q2-99999999999", "sim-k3x9q2" })
	void otherIdsAreNotTheRunsAgents(String agentId) {
		assertThat(this.names.indexOf(agentId)).isEqualTo(-1);
	}

	@Test
	void runIdsAreShortAndDiffer() {
		String one = AgentNames.newRunId();
		assertThat(one).matches("[0-9a-z]{6}");
		assertThat(AgentNames.newRunId()).isNotEqualTo(one);
	}

}
