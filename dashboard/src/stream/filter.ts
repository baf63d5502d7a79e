import type { AgentState, Filter } from './protocol';

/** "a, b  c" → ["a", "b", "c"]: commas or spaces separate, duplicates and blanks go. */
export function parseList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((item) => item.length > 0))];
}

export function filterFromText(agentIds: string, statuses: string): Filter {
  return { agentIds: parseList(agentIds), statuses: parseList(statuses) };
}

export function isEmptyFilter(filter: Filter): boolean {
  return filter.agentIds.length === 0 && filter.statuses.length === 0;
}

/** Whether an event or state passes a filter, as the broadcaster decides it. */
export function matches(filter: Filter, item: Pick<AgentState, 'agent_id' | 'status'>): boolean {
  return (
    (filter.agentIds.length === 0 || filter.agentIds.includes(item.agent_id)) &&
    (filter.statuses.length === 0 || filter.statuses.includes(item.status))
  );
}

export function describeFilter(filter: Filter): string {
  if (isEmptyFilter(filter)) {
    return 'all agents, all statuses';
  }
  const agents = filter.agentIds.length === 0 ? 'all agents' : `agents ${filter.agentIds.join(', ')}`;
  const statuses = filter.statuses.length === 0 ? 'all statuses' : `status ${filter.statuses.join(', ')}`;
  return `${agents}; ${statuses}`;
}
