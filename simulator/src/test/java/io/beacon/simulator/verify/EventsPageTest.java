package io.beacon.simulator.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventsPageTest {

	@Test
	void readsEachRowAndWhereTheNextPageStarts() {
		// as the archiver writes GET /events (snake_case, metadata as the raw object)
		String page = """
				{"events":[
				 {"id":41,"event_id":"e-1","agent_id":"sim-abc-1","status":"idle","timestamp":"2026-06-26T12:00:00Z",
				  "metadata":{"run":"abc","nested":{"a":[1,2,{"b":null}]}},"seq":0,"received_at":"2026-06-26T12:00:00.1Z",
				  "archived_at":"2026-06-26T12:00:01Z","kafka_partition":3,"kafka_offset":17},
				 {"id":42,"event_id":"e-2","agent_id":"agent-x","status":"running","timestamp":"2026-06-26T12:00:00Z",
				  "metadata":null,"seq":null,"received_at":"2026-06-26T12:00:00.1Z","archived_at":"2026-06-26T12:00:01Z",
				  "kafka_partition":4,"kafka_offset":2}
				],"limit":10000,"offset":null,"next_since_id":42}
				""";
		List<String> rows = new ArrayList<>();
		EventsPage.Result result = EventsPage.read(page.getBytes(StandardCharsets.UTF_8),
				(id, eventId, agentId, seq) -> rows.add(id + " " + eventId + " " + agentId + " " + seq));
		assertThat(rows).containsExactly("41 e-1 sim-abc-1 0", "42 e-2 agent-x null");
		assertThat(result.rows()).isEqualTo(2);
		assertThat(result.nextSinceId()).isEqualTo(42);
	}

	@Test
	void anEmptyPageStaysWhereItWas() {
		EventsPage.Result result = EventsPage.read(
				"{\"events\":[],\"limit\":10000,\"next_since_id\":7}".getBytes(StandardCharsets.UTF_8),
				(id, eventId, agentId, seq) -> {
					throw new AssertionError("no rows");
				});
		assertThat(result.rows()).isZero();
		assertThat(result.nextSinceId()).isEqualTo(7);
	}

	@Test
	void refusesWhatIsNotAPage() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventsPage.read("<html>".getBytes(StandardCharsets.UTF_8), (a, b, c, d) -> {
			}))
			.withMessageContaining("not JSON");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventsPage.read("{\"events\":[]}".getBytes(StandardCharsets.UTF_8), (a, b, c, d) -> {
			}))
			.withMessageContaining("no next_since_id");
	}

}
