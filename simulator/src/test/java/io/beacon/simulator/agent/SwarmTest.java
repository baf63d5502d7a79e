package io.beacon.simulator.agent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.beacon.common.EventCodec;
import io.beacon.common.EventIds;
import io.beacon.common.StateTransition;
import io.beacon.common.ValidationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SwarmTest {

	private static final long NOW = 1_782_475_200_123L;

	private final EventIdScheme ids = new EventIdScheme(1234);

	private final Swarm swarm = new Swarm(new AgentNames("run123"), this.ids, 3);

	private final EventCodec codec = new EventCodec();

	@Test
	void eachAgentCountsItsOwnSeqFromZeroAndSendsAValidEventWithAFreshTimeOrderedId() {
		List<StateTransition> events = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			Agent agent = this.swarm.take(NOW + i);
			StateTransition event = read(agent.body());
			assertThat(event.agentId()).isEqualTo("sim-run123-" + (agent.index() + 1));
			assertThat(event.seq()).isEqualTo(agent.seq()).isEqualTo((long) (i / 3));
			assertThat(event.status()).isEqualTo(agent.status().json());
			assertThat(event.timestamp().toEpochMilli()).isEqualTo(NOW + i);
			assertThat(event.metadata().toString()).isEqualTo("{\"run\":\"run123\",\"cycle\":1}");
			assertThat(this.ids.matches(event.eventId(), agent.index(), agent.seq())).isTrue();
			events.add(event);
			this.swarm.accepted(agent);
		}
		List<UUID> eventIds = events.stream().map((e) -> UUID.fromString(e.eventId())).toList();
		assertThat(new HashSet<>(eventIds)).hasSize(9);
		assertThat(eventIds).allSatisfy((id) -> assertThat(id.version()).isEqualTo(7));
		assertThat(eventIds.stream().map(EventIds::timestampMillis).toList()).isSorted();
		assertThat(eventIds.stream().map(UUID::getMostSignificantBits).toList()).isSorted();
	}

	@Test
	void anAgentWhoseEventIsOnTheWayIsNotGivenAnother() {
		Set<Integer> taken = new HashSet<>();
		for (int i = 0; i < 3; i++) {
			taken.add(this.swarm.take(NOW).index());
		}
		assertThat(taken).containsExactlyInAnyOrder(0, 1, 2);
		assertThat(this.swarm.take(NOW)).isNull();
		assertThat(this.swarm.readyCount()).isZero();
	}

	@Test
	void theAgentReadyLongestGoesFirst() {
		Agent first = this.swarm.take(NOW);
		Agent second = this.swarm.take(NOW);
		this.swarm.accepted(second);
		this.swarm.accepted(first);
		assertThat(this.swarm.take(NOW).index()).isEqualTo(2);
		assertThat(this.swarm.take(NOW)).isSameAs(second);
		assertThat(this.swarm.take(NOW)).isSameAs(first);
	}

	@Test
	void theLedgerKeepsWhatWasSentAcceptedAndRejected() {
		Agent agent = this.swarm.take(NOW);
		this.swarm.accepted(agent);
		Agent next = this.swarm.take(NOW);
		this.swarm.rejected(next);
		Agent third = this.swarm.take(NOW);
		this.swarm.unconfirmed(third);
		Ledger ledger = this.swarm.ledger();
		assertThat(ledger.issued(0)).isEqualTo(1);
		assertThat(ledger.issued(1)).isEqualTo(1);
		assertThat(ledger.isAccepted(0, 0)).isTrue();
		assertThat(ledger.isRejected(1, 0)).isTrue();
		assertThat(ledger.isAccepted(2, 0)).isFalse();
		assertThat(ledger.isRejected(2, 0)).isFalse();
		assertThat(ledger.acceptedCount()).isEqualTo(1);
		ledger.freeze();
		ledger.accepted(2, 0);
		assertThat(ledger.isAccepted(2, 0)).isFalse();
	}

	@Test
	void aRetrySendsTheSameBytes() {
		Agent agent = this.swarm.take(NOW);
		byte[] body = agent.body();
		assertThat(agent.body()).isSameAs(body);
	}

	private StateTransition read(byte[] body) {
		ValidationResult<StateTransition> result = this.codec.readEvent(body);
		assertThat(result).isInstanceOf(ValidationResult.Valid.class);
		return ((ValidationResult.Valid<StateTransition>) result).value();
	}

}
