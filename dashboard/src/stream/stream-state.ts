import { AgentTable, type AgentTableDraft } from './agent-table';
import { matches } from './filter';
import {
  type AgentState,
  type EventsFrame,
  type Filter,
  NO_FILTER,
  type ServerFrame,
  type SnapshotFrame,
  type StatsFrame,
  type StreamEvent,
  type SubscribedFrame,
} from './protocol';

/** The feed keeps this many events, newest first; older ones fall off. */
export const FEED_LIMIT = 5000;

/** Samples of events/s kept for the sparkline: one per `stats` frame (1 s), 5 minutes. */
export const RATE_HISTORY = 300;

export interface FeedEntry {
  /** Unique and stable: partition and offset. */
  readonly key: string;
  readonly event: StreamEvent;
  /** The server sent the agent's latest state in place of the events it skipped. */
  readonly conflated: boolean;
}

/** Everything the dashboard knows from the stream. Never mutated: each frame makes a new one. */
export interface StreamState {
  /** Latest state per agent in view (the filter applies), in the order first seen. */
  readonly agents: AgentTable;
  /** Agents in view per current status. */
  readonly counts: Readonly<Record<string, number>>;
  /** No complete snapshot yet: one is arriving in parts, or none came. */
  readonly loading: boolean;
  /** Live events, newest first, at most FEED_LIMIT. */
  readonly feed: readonly FeedEntry[];
  /** Events received (conflated states included). */
  readonly received: number;
  /** Events the server skipped for this client (conflation), in all. */
  readonly skipped: number;
  /** The last `stats` frame: the broadcaster's own view (all agents, whatever the filter). */
  readonly stats: StatsFrame | null;
  /** Events/s in this client's view, between the last two `stats` frames. */
  readonly viewRate: number;
  /** events_per_second of the last RATE_HISTORY `stats` frames, oldest first. */
  readonly rateHistory: readonly number[];
  /** The filter the server confirmed. */
  readonly filter: Filter;
  /** The last `error` frame's message. */
  readonly error: string | null;
  /** Grows whenever `agents` changes. */
  readonly version: number;
  /** Where viewRate is measured from. */
  readonly tick: { readonly at: number; readonly received: number } | null;
}

export const INITIAL_STATE: StreamState = {
  agents: AgentTable.EMPTY,
  counts: {},
  loading: true,
  feed: [],
  received: 0,
  skipped: 0,
  stats: null,
  viewRate: 0,
  rateHistory: [],
  filter: NO_FILTER,
  error: null,
  version: 0,
  tick: null,
};

/** The stream state after one frame from the server. */
export function reduceFrame(state: StreamState, frame: ServerFrame): StreamState {
  return reduceFrames(state, [frame]);
}

/** What reduceFrames changes as it goes; copied from the state once, whatever the number of frames. */
interface Draft {
  agents: AgentTableDraft | null;
  counts: Record<string, number> | null;
  entries: FeedEntry[];
  feed: readonly FeedEntry[];
  next: StreamState;
}

/**
 * The stream state after several frames, in order: the same as reducing them one by one,
 * but the agents are copied once (with 50,000 agents the copy is what costs).
 */
export function reduceFrames(state: StreamState, frames: readonly ServerFrame[]): StreamState {
  const draft: Draft = { agents: null, counts: null, entries: [], feed: state.feed, next: state };
  for (const frame of frames) {
    switch (frame.type) {
      case 'snapshot':
        applySnapshot(draft, frame);
        break;
      case 'events':
        applyEvents(draft, frame);
        break;
      case 'stats':
        applyStats(draft, frame);
        break;
      case 'subscribed':
        applySubscribed(draft, frame);
        break;
      case 'error':
        draft.next = { ...draft.next, error: `${frame.error}: ${frame.message}` };
        break;
    }
  }
  let next = draft.next;
  if (draft.agents !== null && draft.counts !== null) {
    const counts: Record<string, number> = {};
    for (const [status, count] of Object.entries(draft.counts)) {
      if (count > 0) {
        counts[status] = count;
      }
    }
    next = { ...next, agents: draft.agents.done(), counts, version: next.version + 1 };
  }
  if (draft.entries.length > 0 || draft.feed !== state.feed) {
    // entries were collected oldest first
    const fresh = draft.entries.slice(-FEED_LIMIT).reverse();
    const feed = fresh.length >= FEED_LIMIT ? fresh : fresh.concat(draft.feed.slice(0, FEED_LIMIT - fresh.length));
    next = { ...next, feed };
  }
  return next;
}

function agentsOf(draft: Draft): { agents: AgentTableDraft; counts: Record<string, number> } {
  if (draft.agents === null || draft.counts === null) {
    draft.agents = draft.next.agents.edit();
    draft.counts = { ...draft.next.counts };
  }
  return { agents: draft.agents, counts: draft.counts };
}

/** Part 0 starts a fresh view of the agents; later parts add to it. */
function applySnapshot(draft: Draft, frame: SnapshotFrame): void {
  if (frame.part === 0) {
    draft.agents = AgentTable.EMPTY.edit();
    draft.counts = {};
  }
  const { agents, counts } = agentsOf(draft);
  for (const agent of frame.agents) {
    upsert(agents, counts, agent);
  }
  draft.next = { ...draft.next, loading: !frame.last };
}

function applyEvents(draft: Draft, frame: EventsFrame): void {
  const skipped = draft.next.skipped + (frame.skipped ?? 0);
  if (frame.events.length === 0) {
    if (skipped !== draft.next.skipped) {
      draft.next = { ...draft.next, skipped };
    }
    return;
  }
  const { agents, counts } = agentsOf(draft);
  const conflated = frame.conflated === true;
  for (const event of frame.events) {
    upsert(agents, counts, event);
    draft.entries.push({ key: `${event.partition}:${event.offset}`, event, conflated });
  }
  if (draft.entries.length > 2 * FEED_LIMIT) {
    draft.entries.splice(0, draft.entries.length - FEED_LIMIT);
  }
  draft.next = { ...draft.next, received: draft.next.received + frame.events.length, skipped };
}

function applyStats(draft: Draft, frame: StatsFrame): void {
  const state = draft.next;
  const at = Date.parse(frame.at);
  let viewRate = state.viewRate;
  if (state.tick !== null && at > state.tick.at) {
    viewRate = ((state.received - state.tick.received) * 1000) / (at - state.tick.at);
  }
  const rateHistory = state.rateHistory.concat(frame.events_per_second).slice(-RATE_HISTORY);
  draft.next = { ...state, stats: frame, viewRate, rateHistory, tick: { at, received: state.received } };
}

/** The new filter holds at once: events already shown that it excludes leave the feed. */
function applySubscribed(draft: Draft, frame: SubscribedFrame): void {
  const filter: Filter = { agentIds: frame.agent_ids ?? [], statuses: frame.statuses ?? [] };
  draft.entries = draft.entries.filter((entry) => matches(filter, entry.event));
  draft.feed = draft.feed.filter((entry) => matches(filter, entry.event));
  draft.next = { ...draft.next, filter, error: null };
}

/**
 * The agent's state becomes this one, unless both carry a `seq` and the one held is newer
 * (concurrent senders: the broadcaster still sends the older event, and so the feed shows it).
 */
function upsert(agents: AgentTableDraft, counts: Record<string, number>, next: AgentState): void {
  const held = agents.get(next.agent_id);
  if (held !== undefined) {
    if (held.seq != null && next.seq != null && next.seq < held.seq) {
      return;
    }
    // zeros are dropped once, at the end of reduceFrames: delete is slow on hot objects
    counts[held.status] = (counts[held.status] ?? 0) - 1;
  }
  agents.set(stateOf(next));
  counts[next.status] = (counts[next.status] ?? 0) + 1;
}

/** Only the state fields: an event's metadata is not kept for 50,000 agents. */
function stateOf(event: AgentState | StreamEvent): AgentState {
  if (!('metadata' in event) && !('gateway' in event)) {
    return event;
  }
  const { agent_id, status, timestamp, seq, event_id, received_at, partition, offset } = event;
  return { agent_id, status, timestamp, seq, event_id, received_at, partition, offset };
}

/** Statuses in a stable order: the common life cycle first, then any others by name. */
export const KNOWN_STATUSES = [
  'idle',
  'starting',
  'running',
  'waiting',
  'paused',
  'completed',
  'error',
  'terminated',
] as const;

export function orderedStatuses(counts: Readonly<Record<string, number>>): string[] {
  const known: readonly string[] = KNOWN_STATUSES;
  const others = Object.keys(counts)
    .filter((status) => !known.includes(status))
    .sort();
  return [...KNOWN_STATUSES.filter((status) => (counts[status] ?? 0) > 0), ...others];
}
