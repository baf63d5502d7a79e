import { useDeferredValue, useMemo, useState } from 'react';
import { formatCount } from '../format';
import { describeFilter, isEmptyFilter } from '../stream/filter';
import { orderedStatuses } from '../stream/stream-state';
import type { BeaconStream } from '../stream/use-beacon-stream';
import { AgentGrid } from './agent-grid';
import { AgentHistory } from './agent-history';
import { cssGrey, shadeOf } from './shades';

/** Search results listed by name; the grid shows them all. */
const LISTED = 20;

export function AgentsTab({ stream }: { stream: BeaconStream }) {
  const { state } = stream;
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const deferredSearch = useDeferredValue(search);
  const statuses = orderedStatuses(state.counts);
  const matching = useMemo(() => {
    const needle = deferredSearch.trim().toLowerCase();
    if (needle === '') {
      return { count: 0, first: [] as string[] };
    }
    const first: string[] = [];
    let count = 0;
    for (const agent of state.agents.values()) {
      const id = agent.agent_id;
      if (id.toLowerCase().includes(needle)) {
        count++;
        if (first.length < LISTED) {
          first.push(id);
        }
      }
    }
    return { count, first };
  }, [deferredSearch, state.agents]);

  return (
    <section aria-label="Agents" className="agents">
      <div className="agents-main">
        <p className="figures" data-testid="agent-count">
          {formatCount(state.agents.size)} agents
          {state.loading ? ' (loading…)' : ''}
          {state.stats !== null && state.stats.agents !== state.agents.size
            ? ` in view of ${formatCount(state.stats.agents)} known to the broadcaster`
            : ''}
        </p>
        {!isEmptyFilter(state.filter) && (
          <p className="note">Filtered as in the feed: {describeFilter(state.filter)}.</p>
        )}
        <table className="counts" aria-label="Agents per status">
          <tbody>
            {statuses.map((status) => (
              <tr key={status}>
                <td>
                  <span className="swatch" style={{ background: cssGrey(shadeOf(status)) }} />
                </td>
                <td>{status}</td>
                <td className="number" data-testid={`count-${status}`}>
                  {formatCount(state.counts[status] ?? 0)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="controls">
          <label>
            search{' '}
            <input
              name="search"
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder="agent id"
              size={28}
            />
          </label>
          {deferredSearch.trim() !== '' && <span data-testid="search-count"> {formatCount(matching.count)} match</span>}
        </p>
        {matching.first.length > 0 && (
          <ul className="matches" aria-label="Matching agents">
            {matching.first.map((id) => (
              <li key={id}>
                <button type="button" className="link" onClick={() => setSelected(id)}>
                  {id}
                </button>{' '}
                {state.agents.get(id)?.status}
              </li>
            ))}
            {matching.count > matching.first.length && (
              <li>… and {formatCount(matching.count - matching.first.length)} more</li>
            )}
          </ul>
        )}
        <AgentGrid
          agents={state.agents}
          version={state.version}
          search={deferredSearch}
          selected={selected}
          onSelect={setSelected}
        />
      </div>
      {selected !== null && (
        <AgentHistory
          agentId={selected}
          current={state.agents.get(selected) ?? null}
          onClose={() => setSelected(null)}
        />
      )}
    </section>
  );
}
