import { useCallback, useEffect, useState } from 'react';
import { AgentsTab } from '../agents/agents-tab';
import { WATCHTOWER, type WatchtowerStatus } from '../api/services';
import { usePoll } from '../api/use-poll';
import { FeedTab } from '../feed/feed-tab';
import { appendSample, type StatusSample } from '../status/status-history';
import { StatusTab } from '../status/status-tab';
import { useBeaconStream } from '../stream/use-beacon-stream';
import { ConnectionLine } from './connection-line';

const TABS = ['feed', 'agents', 'status'] as const;
type Tab = (typeof TABS)[number];

/** The watchtower is asked this often; it polls the services every 10 s itself. */
const STATUS_POLL_MS = 2000;

function tabFromHash(): Tab {
  const name = window.location.hash.replace(/^#/, '');
  return (TABS as readonly string[]).includes(name) ? (name as Tab) : 'feed';
}

export function App() {
  const stream = useBeaconStream();
  const [tab, setTab] = useState<Tab>(tabFromHash);
  const [history, setHistory] = useState<readonly StatusSample[]>([]);
  const onStatus = useCallback((status: WatchtowerStatus, at: number) => {
    setHistory((previous) => appendSample(previous, status, at));
  }, []);
  const status = usePoll<WatchtowerStatus>(`${WATCHTOWER}/status`, STATUS_POLL_MS, onStatus);

  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  return (
    <div className="page" data-loading={stream.state.loading}>
      <header className="header">
        <h1 className="title">Beacon</h1>
        <nav className="tabs" aria-label="Views">
          {TABS.map((name) => (
            <a key={name} href={`#${name}`} className="tab" aria-current={tab === name ? 'page' : undefined}>
              {name[0]?.toUpperCase()}
              {name.slice(1)}
            </a>
          ))}
        </nav>
        <ConnectionLine connection={stream.connection} />
      </header>
      <main>
        {tab === 'feed' && <FeedTab stream={stream} />}
        {tab === 'agents' && <AgentsTab stream={stream} />}
        {tab === 'status' && <StatusTab poll={status} history={history} stream={stream.state} />}
      </main>
    </div>
  );
}
