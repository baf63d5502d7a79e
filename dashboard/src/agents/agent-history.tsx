import { useEffect, useState } from 'react';
import { getJson, type AgentHistory as History, historyUrl } from '../api/services';
import { formatMetadata, formatTime } from '../format';
import type { AgentState } from '../stream/protocol';

/** Events asked of the archiver at once (its most). */
const LIMIT = 1000;

type Load =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: string }
  | { readonly state: 'done'; readonly history: History };

/** One agent's archived events, in order, from the archiver's read API. */
export function AgentHistory({
  agentId,
  current,
  onClose,
}: {
  agentId: string;
  current: AgentState | null;
  onClose: () => void;
}) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [reloads, setReloads] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads asks for the history again
  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    getJson<History>(historyUrl(agentId, LIMIT), controller.signal).then(
      (history) => setLoad({ state: 'done', history }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setLoad({ state: 'failed', error: error instanceof Error ? error.message : String(error) });
        }
      },
    );
    return () => controller.abort();
  }, [agentId, reloads]);

  return (
    <aside className="history" aria-label={`History of ${agentId}`} data-testid="history">
      <h2>
        {agentId}{' '}
        <button type="button" className="link" onClick={() => setReloads((n) => n + 1)}>
          reload
        </button>{' '}
        <button type="button" className="link" onClick={onClose}>
          close
        </button>
      </h2>
      <p className="note">
        Now: {current?.status ?? 'unknown'}
        {current?.seq != null ? `, seq ${current.seq}` : ''}. Archived events, oldest first (the archive lags by up to 2
        s).
      </p>
      {load.state === 'loading' && <p>Loading…</p>}
      {load.state === 'failed' && <p className="error">The archiver did not answer: {load.error}</p>}
      {load.state === 'done' && load.history.events.length === 0 && <p>Nothing archived yet.</p>}
      {load.state === 'done' && load.history.events.length > 0 && (
        <table className="history-table">
          <thead>
            <tr>
              <th>#</th>
              <th>timestamp</th>
              <th>status</th>
              <th>seq</th>
              <th>offset</th>
              <th>metadata</th>
            </tr>
          </thead>
          <tbody>
            {load.history.events.map((event, index) => (
              <tr key={event.event_id}>
                <td className="number">{index + 1}</td>
                <td title={event.timestamp}>{formatTime(event.timestamp)}</td>
                <td>{event.status}</td>
                <td className="number">{event.seq ?? ''}</td>
                <td className="number">
                  {event.kafka_partition}:{event.kafka_offset}
                </td>
                <td className="metadata">{formatMetadata(event.metadata)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {load.state === 'done' && load.history.events.length === LIMIT && <p className="note">The first {LIMIT} only.</p>}
    </aside>
  );
}
