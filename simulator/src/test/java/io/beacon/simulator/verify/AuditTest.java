package io.beacon.simulator.verify;

import java.nio.charset.StandardCharsets;

import io.beacon.simulator.agent.Agent;
import io.beacon.simulator.agent.AgentNames;
import io.beacon.simulator.agent.EventIdScheme;
import io.beacon.simulator.agent.Swarm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit on synthetic archives: a run of 3 agents that each had events 0 to 3
 * accepted, and rows made from exactly what was sent.
 */
class AuditTest {

	private static final int AGENTS = 3;

	private static final int EVENTS_PER_AGENT = 4;

	private final AgentNames names = new AgentNames("aud1t0");

	private final EventIdScheme ids = new EventIdScheme(9);

	private final Swarm swarm = new Swarm(this.names, this.ids, AGENTS);

	/** The event id each agent sent for each seq. */
	private final String[][] sent = new String[AGENTS][EVENTS_PER_AGENT];

	private long nextRowId = 1000;

	private Audit audit;

	@BeforeEach
	void playTheRun() {
		long start = System.currentTimeMillis();
		for (int round = 0; round < EVENTS_PER_AGENT; round++) {
			for (int i = 0; i < AGENTS; i++) {
				Agent agent = this.swarm.take(start);
				this.sent[agent.index()][(int) agent.seq()] = eventId(agent);
				this.swarm.accepted(agent);
			}
		}
		this.swarm.ledger().freeze();
		this.audit = new Audit(this.swarm.ledger(), this.names, this.ids, start - 60_000, start + 60_000);
	}

	@Test
	void passesAnArchiveWithEveryAcceptedEventOnceAndInOrderAmongOtherAgents() {
		row("agent-007", "x", 3L);
		archiveEverything();
		row("sim-otherr-1", this.sent[0][0], 0L);
		Verdict verdict = this.audit.verdict(null);
		assertThat(this.audit.complete()).isTrue();
		assertThat(verdict.clean()).isTrue();
		assertThat(verdict.expected()).isEqualTo(12);
		assertThat(verdict.found()).isEqualTo(12);
		assertThat(verdict.rows()).isEqualTo(12);
	}

	@Test
	void findsLostEvents() {
		for (int agent = 0; agent < AGENTS; agent++) {
			for (int seq = 0; seq < EVENTS_PER_AGENT; seq++) {
				if (!(agent == 1 && seq == 2)) {
					row(agent, seq);
				}
			}
		}
		Verdict verdict = this.audit.verdict(null);
		assertThat(this.audit.complete()).isFalse();
		assertThat(verdict.clean()).isFalse();
		assertThat(verdict.lost()).isEqualTo(1);
		assertThat(verdict.lostExamples()).containsExactly("sim-aud1t0-2 seq 2");
		assertThat(verdict.duplicated() + verdict.outOfOrder() + verdict.unexpected()).isZero();
	}

	@Test
	void findsDuplicates() {
		archiveEverything();
		row(2, 1);
		Verdict verdict = this.audit.verdict(null);
		assertThat(verdict.duplicated()).isEqualTo(1);
		assertThat(verdict.duplicatedExamples()).singleElement().asString().startsWith("sim-aud1t0-3 seq 1 (row ");
		assertThat(verdict.lost() + verdict.outOfOrder() + verdict.unexpected()).isZero();
		assertThat(verdict.clean()).isFalse();
	}

	@Test
	void findsEventsArchivedOutOfOrder() {
		row(0, 0);
		row(0, 2);
		row(0, 1);
		row(0, 3);
		for (int agent = 1; agent < AGENTS; agent++) {
			for (int seq = 0; seq < EVENTS_PER_AGENT; seq++) {
				row(agent, seq);
			}
		}
		Verdict verdict = this.audit.verdict(null);
		assertThat(verdict.outOfOrder()).isEqualTo(1);
		assertThat(verdict.outOfOrderExamples()).singleElement().asString().contains("seq 1").endsWith("after seq 2");
		assertThat(verdict.lost() + verdict.duplicated() + verdict.unexpected()).isZero();
		assertThat(verdict.clean()).isFalse();
	}

	@Test
	void findsWhatTheRunNeverSent() {
		archiveEverything();
		String forged = this.sent[0][0].substring(0, 35) + (this.sent[0][0].endsWith("0") ? "1" : "0");
		row("sim-aud1t0-1", forged, 0L);
		row("sim-aud1t0-2", this.sent[1][3], 4L);
		row("sim-aud1t0-3", this.sent[2][0], null);
		row("sim-aud1t0-4", this.sent[0][0], 0L);
		row("sim-aud1t0-1", this.sent[0][1], 0L);
		Verdict verdict = this.audit.verdict(null);
		assertThat(verdict.unexpected()).isEqualTo(5);
		assertThat(verdict.unexpectedExamples()).hasSize(5)
			.anySatisfy((example) -> assertThat(example).contains("the run never sent this seq"))
			.anySatisfy((example) -> assertThat(example).contains("the run had 3 agents"))
			.anySatisfy((example) -> assertThat(example).contains("not the event_id the run sent"));
		assertThat(verdict.clean()).isFalse();
	}

	@Test
	void allowsAnEventSentButNeverConfirmedAndFlagsOneThatWasRejected() {
		Swarm other = new Swarm(this.names, this.ids, 2);
		long now = System.currentTimeMillis();
		Agent first = other.take(now);
		String accepted = eventId(first);
		other.accepted(first);
		Agent second = other.take(now);
		String rejected = eventId(second);
		other.rejected(second);
		Agent again = other.take(now);
		String unconfirmed = eventId(again);
		other.ledger().freeze();
		Audit audit = new Audit(other.ledger(), this.names, this.ids, now - 60_000, now + 60_000);
		audit.row(1, accepted, this.names.name(0), 0L);
		audit.row(2, unconfirmed, this.names.name(0), 1L);
		Verdict allowed = audit.verdict(null);
		assertThat(allowed.clean()).isTrue();
		assertThat(allowed.unconfirmedArchived()).isEqualTo(1);
		audit.row(3, rejected, this.names.name(1), 0L);
		Verdict flagged = audit.verdict(null);
		assertThat(flagged.unexpected()).isEqualTo(1);
		assertThat(flagged.unexpectedExamples()).singleElement().asString().endsWith("it was rejected with a 4xx");
	}

	@Test
	void aReadErrorIsNeverClean() {
		archiveEverything();
		assertThat(this.audit.verdict("the archiver at http://x answered 503").clean()).isFalse();
	}

	private void archiveEverything() {
		for (int agent = 0; agent < AGENTS; agent++) {
			for (int seq = 0; seq < EVENTS_PER_AGENT; seq++) {
				row(agent, seq);
			}
		}
	}

	private void row(int agent, int seq) {
		row(this.names.name(agent), this.sent[agent][seq], (long) seq);
	}

	private void row(String agentId, String eventId, Long seq) {
		this.audit.row(this.nextRowId++, eventId, agentId, seq);
	}

	private static String eventId(Agent agent) {
		String body = new String(agent.body(), StandardCharsets.UTF_8);
		int start = body.indexOf("\"event_id\":\"") + "\"event_id\":\"".length();
		return body.substring(start, start + 36);
	}

}
