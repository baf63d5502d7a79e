package io.beacon.broadcaster.stream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.beacon.common.EventLimits;
import io.beacon.common.FieldError;

/**
 * Which events a client wants: some agents, some statuses, or all. An empty or absent
 * list means "any".
 *
 * @param agentIds the agents wanted, or {@code null} for all
 * @param statuses the statuses wanted, or {@code null} for all
 */
public record Filter(Set<String> agentIds, Set<String> statuses) {

	/** The most agent ids one filter may name. */
	public static final int MAX_AGENT_IDS = 10_000;

	/** The most statuses one filter may name. */
	public static final int MAX_STATUSES = 100;

	/** Every event. */
	public static final Filter ALL = new Filter(null, null);

	/**
	 * A filter from what a client sent.
	 * @param agentIds agent ids, or {@code null}
	 * @param agentIdsField what the client calls the agent ids, for error messages
	 * @param statuses statuses, or {@code null}
	 * @param statusesField what the client calls the statuses
	 * @return the filter
	 * @throws InvalidFilterException naming what is wrong, field by field
	 */
	public static Filter of(Collection<String> agentIds, String agentIdsField, Collection<String> statuses,
			String statusesField) {
		List<FieldError> problems = new ArrayList<>();
		Set<String> agents = values(agentIds, agentIdsField, MAX_AGENT_IDS, EventLimits.MAX_ID_LENGTH, problems);
		Set<String> wanted = values(statuses, statusesField, MAX_STATUSES, EventLimits.MAX_STATUS_LENGTH, problems);
		if (!problems.isEmpty()) {
			throw new InvalidFilterException(problems);
		}
		return new Filter(agents, wanted);
	}

	private static Set<String> values(Collection<String> given, String name, int maxCount, int maxLength,
			List<FieldError> problems) {
		if (given == null || given.isEmpty()) {
			return null;
		}
		if (given.size() > maxCount) {
			problems.add(FieldError.of(name, "may name at most " + maxCount + " values, not " + given.size()));
			return null;
		}
		Set<String> values = new LinkedHashSet<>();
		for (String value : given) {
			if (value == null || value.isEmpty() || value.length() > maxLength) {
				problems.add(FieldError.of(name, "must hold strings of 1 to " + maxLength + " characters"));
				return null;
			}
			values.add(value);
		}
		return Set.copyOf(values);
	}

	/** Whether an event passes. */
	public boolean matches(String agentId, String status) {
		return (this.agentIds == null || this.agentIds.contains(agentId))
				&& (this.statuses == null || this.statuses.contains(status));
	}

	boolean matches(AgentEntry state) {
		return matches(state.agentId(), state.status());
	}

	/** Whether every event passes. */
	boolean isAll() {
		return this.agentIds == null && this.statuses == null;
	}

}
