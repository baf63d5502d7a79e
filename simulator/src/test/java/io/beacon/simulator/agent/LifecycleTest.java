package io.beacon.simulator.agent;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleTest {

	private static final Map<AgentStatus, Set<AgentStatus>> ALLOWED = new EnumMap<>(
			Map.of(AgentStatus.IDLE, Set.of(AgentStatus.RUNNING), AgentStatus.RUNNING,
					Set.of(AgentStatus.WAITING, AgentStatus.COMPLETED, AgentStatus.ERROR), AgentStatus.WAITING,
					Set.of(AgentStatus.RUNNING), AgentStatus.COMPLETED, Set.of(AgentStatus.IDLE), AgentStatus.ERROR,
					Set.of(AgentStatus.IDLE)));

	@Test
	void startsIdleThenRunsWaitsRunsAndFinishes() {
		Lifecycle lifecycle = new Lifecycle(7);
		assertThat(lifecycle.current()).isNull();
		List<AgentStatus> statuses = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			statuses.add(lifecycle.advance());
		}
		assertThat(statuses.subList(0, 4)).containsExactly(AgentStatus.IDLE, AgentStatus.RUNNING, AgentStatus.WAITING,
				AgentStatus.RUNNING);
		assertThat(statuses.get(4)).isIn(AgentStatus.COMPLETED, AgentStatus.ERROR);
		assertThat(statuses.get(5)).isEqualTo(AgentStatus.IDLE);
		assertThat(lifecycle.current()).isEqualTo(AgentStatus.IDLE);
	}

	@Test
	void onlyEverMakesTheTransitionsOfTheStateMachineAndSometimesEndsInError() {
		Lifecycle lifecycle = new Lifecycle(42);
		AgentStatus previous = lifecycle.advance();
		int rounds = 0;
		int errors = 0;
		for (int i = 0; i < 50_000; i++) {
			AgentStatus next = lifecycle.advance();
			assertThat(ALLOWED.get(previous)).as("%s -> %s", previous, next).contains(next);
			if (next == AgentStatus.COMPLETED || next == AgentStatus.ERROR) {
				rounds++;
				errors += (next == AgentStatus.ERROR) ? 1 : 0;
			}
			previous = next;
		}
		assertThat(rounds).isEqualTo(10_000);
		assertThat(errors / (double) rounds).isBetween(0.07, 0.13);
	}

	@Test
	void theSameSeedPlaysTheSameWay() {
		Lifecycle one = new Lifecycle(99);
		Lifecycle other = new Lifecycle(99);
		for (int i = 0; i < 1000; i++) {
			assertThat(one.advance()).isEqualTo(other.advance());
		}
	}

}
