package io.beacon.archiver.web;

import java.util.List;

import io.beacon.archiver.store.AgentState;
import io.beacon.archiver.store.ArchiveQueries;
import io.beacon.archiver.store.ArchiveStats;
import io.beacon.archiver.store.ArchivedEvent;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The archive's read API: current state per agent, history, recent events, figures. */
@RestController
class ArchiveController {

	private final ArchiveQueries queries;

	ArchiveController(ArchiveQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/agents")
	AgentPage agents(@RequestParam(required = false) String status, @RequestParam(defaultValue = "100") String limit,
			@RequestParam(defaultValue = "0") String offset) {
		QueryParameters parameters = new QueryParameters();
		if (status != null) {
			parameters.status("status", status);
		}
		int pageSize = parameters.limit("limit", limit, QueryParameters.MAX_PAGE);
		long skip = parameters.nonNegative("offset", offset);
		parameters.throwIfInvalid();
		ArchiveQueries.Page<AgentState> page = this.queries.agents(status, pageSize, skip);
		return new AgentPage(page.items(), page.total(), pageSize, skip);
	}

	@GetMapping("/agents/{agentId}")
	AgentState agent(@PathVariable String agentId) {
		return this.queries.agent(agentId).orElseThrow(() -> new NotFoundException("no agent '" + agentId + "'"));
	}

	@GetMapping("/agents/{agentId}/events")
	EventPage agentEvents(@PathVariable String agentId, @RequestParam(defaultValue = "100") String limit,
			@RequestParam(defaultValue = "0") String offset) {
		QueryParameters parameters = new QueryParameters();
		int pageSize = parameters.limit("limit", limit, QueryParameters.MAX_PAGE);
		long skip = parameters.nonNegative("offset", offset);
		parameters.throwIfInvalid();
		List<ArchivedEvent> events = this.queries.agentEvents(agentId, pageSize, skip);
		if (events.isEmpty() && skip == 0 && this.queries.agent(agentId).isEmpty()) {
			throw new NotFoundException("no agent '" + agentId + "'");
		}
		return new EventPage(events, pageSize, skip, null);
	}

	@GetMapping("/events")
	EventPage events(@RequestParam(name = "since_id", defaultValue = "0") String sinceId,
			@RequestParam(defaultValue = "100") String limit) {
		QueryParameters parameters = new QueryParameters();
		long since = parameters.nonNegative("since_id", sinceId);
		int pageSize = parameters.limit("limit", limit, QueryParameters.MAX_EVENTS_PAGE);
		parameters.throwIfInvalid();
		List<ArchivedEvent> events = this.queries.events(since, pageSize);
		long next = events.isEmpty() ? since : events.get(events.size() - 1).id();
		return new EventPage(events, pageSize, null, next);
	}

	@GetMapping("/stats")
	ArchiveStats stats() {
		return this.queries.stats();
	}

	/**
	 * A page of agents.
	 *
	 * @param agents the agents, by id
	 * @param total agents matching in all
	 * @param limit the page size asked for
	 * @param offset agents skipped
	 */
	record AgentPage(List<AgentState> agents, long total, int limit, long offset) {

	}

	/**
	 * A page of events.
	 *
	 * @param events the events
	 * @param limit the page size asked for
	 * @param offset events skipped (an agent's history), or null
	 * @param nextSinceId the {@code since_id} that continues after this page (the event
	 * feed), or null
	 */
	record EventPage(List<ArchivedEvent> events, int limit, Long offset, Long nextSinceId) {

	}

}
