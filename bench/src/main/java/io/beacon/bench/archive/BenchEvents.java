package io.beacon.bench.archive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;

import io.beacon.common.EventCodec;
import io.beacon.common.EventEnvelope;
import io.beacon.common.EventIds;

/**
 * The events of the archive benchmark, the same for the topic and for the database
 * ceiling: {@code agents} agents in a random (seeded) order, as independent agents send,
 * each with its own increasing {@code seq}, time-ordered event ids (UUIDv7) as the
 * gateway assigns them, and a small metadata object. The random order matters: agents
 * taking turns in id order would make the archive's {@code (agent_id, kafka_offset)}
 * index look sequential and its ceiling several times too high.
 */
final class BenchEvents {

	private static final String[] STATUSES = { "running", "waiting", "running", "completed", "idle" };

	private final EventCodec codec = new EventCodec();

	private final int agents;

	private final long[] seqs;

	private final SplittableRandom random = new SplittableRandom(20261204);

	BenchEvents(int agents) {
		this.agents = agents;
		this.seqs = new long[agents];
	}

	/** The next event, as the envelope a gateway would produce. */
	EventEnvelope next() {
		int agent = this.random.nextInt(this.agents);
		long seq = this.seqs[agent]++;
		Instant now = Instant.now();
		String json = "{\"event_id\":\"" + EventIds.next() + "\",\"agent_id\":\"" + agentId(agent) + "\",\"status\":\""
				+ STATUSES[(int) (seq % STATUSES.length)] + "\",\"timestamp\":\"" + now
				+ "\",\"metadata\":{\"task\":\"web_search\",\"step\":" + seq + "},\"seq\":" + seq
				+ ",\"received_at\":\"" + now + "\",\"gateway\":\"bench\"}";
		return this.codec.readEnvelope(json.getBytes(StandardCharsets.UTF_8));
	}

	byte[] value(EventEnvelope envelope) {
		return this.codec.writeEnvelope(envelope);
	}

	static String agentId(int agent) {
		return String.format("agent-%05d", agent);
	}

}
