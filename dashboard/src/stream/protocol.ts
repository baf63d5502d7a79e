// The broadcaster's /ws protocol (broadcaster/README.md#ws-protocol): JSON text frames, `type` first.

/** An agent's latest state, as in `snapshot` frames and conflated `events` frames. */
export interface AgentState {
  readonly agent_id: string;
  readonly status: string;
  readonly timestamp: string;
  readonly seq?: number | null;
  readonly event_id: string;
  readonly received_at?: string | null;
  readonly partition: number;
  readonly offset: number;
}

/** One event: the topic envelope plus where it was read. */
export interface StreamEvent extends AgentState {
  readonly metadata?: Readonly<Record<string, unknown>> | null;
  readonly gateway?: string | null;
}

export interface SnapshotFrame {
  readonly type: 'snapshot';
  readonly agents: readonly AgentState[];
  readonly part: number;
  readonly last: boolean;
  readonly total: number;
}

export interface EventsFrame {
  readonly type: 'events';
  readonly events: readonly StreamEvent[];
  /** Events this client missed since its last frame (the server conflated its queue). */
  readonly skipped?: number;
  /** `events` holds the latest state per agent instead of events. */
  readonly conflated?: boolean;
}

export interface StatsFrame {
  readonly type: 'stats';
  readonly at: string;
  readonly events_per_second: number;
  readonly events_total: number;
  readonly agents: number;
  readonly clients: number;
  readonly statuses: Readonly<Record<string, number>>;
}

export interface SubscribedFrame {
  readonly type: 'subscribed';
  readonly agent_ids: readonly string[] | null;
  readonly statuses: readonly string[] | null;
}

export interface ErrorFrame {
  readonly type: 'error';
  readonly error: string;
  readonly message: string;
}

export type ServerFrame = SnapshotFrame | EventsFrame | StatsFrame | SubscribedFrame | ErrorFrame;

/** What the feed shows: both lists empty means everything. */
export interface Filter {
  readonly agentIds: readonly string[];
  readonly statuses: readonly string[];
}

export const NO_FILTER: Filter = { agentIds: [], statuses: [] };

/** The `subscribe` message for a filter (empty lists are sent as `null`: all). */
export function subscribeMessage(filter: Filter): string {
  return JSON.stringify({
    type: 'subscribe',
    agent_ids: filter.agentIds.length > 0 ? filter.agentIds : null,
    statuses: filter.statuses.length > 0 ? filter.statuses : null,
  });
}

/** Parses a text frame; null for anything that is not a frame this client knows. */
export function parseFrame(text: string): ServerFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const type = (value as { type?: unknown }).type;
  switch (type) {
    case 'snapshot':
      return Array.isArray((value as SnapshotFrame).agents) ? (value as SnapshotFrame) : null;
    case 'events':
      return Array.isArray((value as EventsFrame).events) ? (value as EventsFrame) : null;
    case 'stats':
    case 'subscribed':
    case 'error':
      return value as ServerFrame;
    default:
      return null;
  }
}
