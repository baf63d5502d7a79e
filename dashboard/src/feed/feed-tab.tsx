import { type FormEvent, useState } from 'react';
import { formatCount, formatMetadata, formatRate, formatTime } from '../format';
import { describeFilter, filterFromText, isEmptyFilter } from '../stream/filter';
import type { FeedEntry } from '../stream/stream-state';
import type { BeaconStream } from '../stream/use-beacon-stream';
import { VirtualList } from './virtual-list';

const ROW_HEIGHT = 22;
const LIST_HEIGHT = 560;

interface Frozen {
  readonly feed: readonly FeedEntry[];
  readonly received: number;
}

export function FeedTab({ stream }: { stream: BeaconStream }) {
  const { state, wanted, subscribe } = stream;
  const [frozen, setFrozen] = useState<Frozen | null>(null);
  const [agentText, setAgentText] = useState(wanted.agentIds.join(', '));
  const [statusText, setStatusText] = useState(wanted.statuses.join(', '));
  const feed = frozen?.feed ?? state.feed;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    subscribe(filterFromText(agentText, statusText));
  };
  const clear = () => {
    setAgentText('');
    setStatusText('');
    subscribe(filterFromText('', ''));
  };
  const filtered = !isEmptyFilter(state.filter);

  return (
    <section aria-label="Feed">
      <form className="controls" onSubmit={apply}>
        <button
          type="button"
          onClick={() => setFrozen(frozen === null ? { feed: state.feed, received: state.received } : null)}
        >
          {frozen === null ? 'Pause' : 'Resume'}
        </button>
        <label>
          agent ids{' '}
          <input
            name="agent-ids"
            value={agentText}
            onChange={(event) => setAgentText(event.target.value)}
            placeholder="all"
            size={28}
          />
        </label>
        <label>
          statuses{' '}
          <input
            name="statuses"
            value={statusText}
            onChange={(event) => setStatusText(event.target.value)}
            placeholder="all"
            size={20}
          />
        </label>
        <button type="submit">Filter</button>
        {filtered && (
          <button type="button" onClick={clear}>
            Clear
          </button>
        )}
      </form>
      <p className="figures" data-testid="feed-figures">
        <span data-testid="events-per-second">{formatRate(state.stats?.events_per_second)} events/s</span>
        {filtered && <span> · {formatRate(state.viewRate)}/s in view</span>}
        <span> · {formatCount(state.received)} received</span>
        {state.skipped > 0 && (
          <span className="skipped" data-testid="skipped">
            {' '}
            · {formatCount(state.skipped)} skipped (the server sent the latest state per agent instead)
          </span>
        )}
        {frozen !== null && (
          <span data-testid="paused"> · paused, {formatCount(state.received - frozen.received)} new since</span>
        )}
      </p>
      <p className="note">
        Showing {describeFilter(state.filter)}; newest first, the last {formatCount(feed.length)}.
        {state.error !== null && <span className="error"> Server: {state.error}</span>}
      </p>
      <div className="feed-head" aria-hidden="true">
        <span>received</span>
        <span>agent</span>
        <span>status</span>
        <span>seq</span>
        <span>partition:offset</span>
        <span>metadata</span>
      </div>
      {feed.length === 0 ? (
        <p className="empty">No events yet. They appear here as agents send them.</p>
      ) : (
        <VirtualList
          items={feed}
          rowHeight={ROW_HEIGHT}
          height={LIST_HEIGHT}
          itemKey={(entry) => entry.key}
          label="Live events"
          renderRow={(entry) => <FeedRow entry={entry} />}
        />
      )}
    </section>
  );
}

function FeedRow({ entry }: { entry: FeedEntry }) {
  const { event } = entry;
  return (
    <>
      <span role="cell">{formatTime(event.received_at ?? event.timestamp)}</span>
      <span role="cell" className="agent-id" title={event.agent_id}>
        {event.agent_id}
      </span>
      <span role="cell" className={`status status-${event.status}`}>
        {event.status}
        {entry.conflated ? ' (latest)' : ''}
      </span>
      <span role="cell">{event.seq ?? ''}</span>
      <span role="cell">
        {event.partition}:{event.offset}
      </span>
      <span role="cell" className="metadata" title={formatMetadata(event.metadata)}>
        {formatMetadata(event.metadata)}
      </span>
    </>
  );
}
