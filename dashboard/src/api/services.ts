// The archiver's and the watchtower's JSON, as far as the dashboard reads it. Both are
// reached through this server's proxy (vite.config.ts): /api/archiver/…, /api/watchtower/….

export const ARCHIVER = '/api/archiver';
export const WATCHTOWER = '/api/watchtower';

export interface ServiceCheck {
  readonly name: string;
  readonly kind: string;
  readonly url: string;
  readonly status: string;
  readonly http_code: number | null;
  readonly latency_ms: number | null;
  readonly checked_at: string | null;
  readonly error: string | null;
}

export interface WatchtowerStatus {
  readonly status: string;
  readonly reasons: readonly string[];
  readonly checked_at: string;
  readonly services: readonly ServiceCheck[];
  readonly kafka: {
    readonly reachable: boolean;
    readonly bootstrap_servers: string;
    readonly topic: string;
    readonly partitions: number | null;
    readonly error: string | null;
  } | null;
  readonly consumer_lag: Readonly<Record<string, number>>;
  readonly events_in_per_second: number | null;
  readonly archived_per_second: number | null;
}

export interface ArchivedEvent {
  readonly id: number;
  readonly event_id: string;
  readonly agent_id: string;
  readonly status: string;
  readonly timestamp: string;
  readonly metadata: Readonly<Record<string, unknown>> | null;
  readonly seq: number | null;
  readonly received_at: string | null;
  readonly archived_at: string | null;
  readonly kafka_partition: number;
  readonly kafka_offset: number;
}

export interface AgentHistory {
  readonly events: readonly ArchivedEvent[];
  readonly limit: number;
  readonly offset: number;
}

/** GETs JSON; a non-2xx answer is an Error naming the status and what the body said. */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal: signal ?? null, headers: { Accept: 'application/json' } });
  const text = await response.text();
  if (!response.ok) {
    let detail = text.slice(0, 200);
    try {
      const body = JSON.parse(text) as { error?: string; message?: string };
      detail = [body.error, body.message].filter(Boolean).join(': ') || detail;
    } catch {
      // not JSON: the text itself says it
    }
    throw new Error(`${response.status}${detail ? ` ${detail}` : ''}`);
  }
  return JSON.parse(text) as T;
}

export function historyUrl(agentId: string, limit: number): string {
  return `${ARCHIVER}/agents/${encodeURIComponent(agentId)}/events?limit=${limit}`;
}
