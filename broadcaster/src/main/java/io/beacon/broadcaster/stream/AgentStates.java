package io.beacon.broadcaster.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest state per agent, bounded: past {@code maxAgents} the agent updated least
 * recently is forgotten. An event whose {@code seq} is older than the state held does not
 * replace it (it is still broadcast). Not thread-safe: the {@link Hub} guards it.
 */
final class AgentStates {

	private final int maxAgents;

	/** In order of last update: the first entry is the one to forget. */
	private final LinkedHashMap<String, AgentEntry> latest = new LinkedHashMap<>();

	private final Map<String, int[]> perStatus = new HashMap<>();

	private long evicted;

	private long inversions;

	AgentStates(int maxAgents) {
		this.maxAgents = maxAgents;
	}

	void update(AgentEntry state) {
		AgentEntry previous = this.latest.remove(state.agentId());
		if (previous != null && state.olderThan(previous)) {
			this.inversions++;
			this.latest.put(previous.agentId(), previous);
			return;
		}
		if (previous != null) {
			count(previous.status(), -1);
		}
		else if (this.latest.size() == this.maxAgents) {
			forgetOldest();
		}
		this.latest.put(state.agentId(), state);
		count(state.status(), 1);
	}

	private void forgetOldest() {
		Iterator<AgentEntry> oldest = this.latest.values().iterator();
		count(oldest.next().status(), -1);
		oldest.remove();
		this.evicted++;
	}

	private void count(String status, int change) {
		int[] count = this.perStatus.computeIfAbsent(status, (key) -> new int[1]);
		count[0] += change;
		if (count[0] == 0) {
			this.perStatus.remove(status);
		}
	}

	List<AgentEntry> matching(Filter filter) {
		if (filter.isAll()) {
			return new ArrayList<>(this.latest.values());
		}
		List<AgentEntry> matching = new ArrayList<>();
		if (filter.agentIds() != null && filter.agentIds().size() < this.latest.size()) {
			for (String agentId : filter.agentIds()) {
				AgentEntry state = this.latest.get(agentId);
				if (state != null && filter.matches(state)) {
					matching.add(state);
				}
			}
			return matching;
		}
		for (AgentEntry state : this.latest.values()) {
			if (filter.matches(state)) {
				matching.add(state);
			}
		}
		return matching;
	}

	/** Agents per status, by status name. */
	Map<String, Integer> perStatus() {
		Map<String, Integer> counts = new TreeMap<>();
		this.perStatus.forEach((status, count) -> counts.put(status, count[0]));
		return counts;
	}

	int size() {
		return this.latest.size();
	}

	long evicted() {
		return this.evicted;
	}

	long inversions() {
		return this.inversions;
	}

}
