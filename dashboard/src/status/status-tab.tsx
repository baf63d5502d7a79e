import { useEffect, useState } from 'react';
import type { WatchtowerStatus } from '../api/services';
import type { Poll } from '../api/use-poll';
import { formatAge, formatCount, formatRate } from '../format';
import type { StreamState } from '../stream/stream-state';
import { Sparkline } from './sparkline-view';
import type { StatusSample } from './status-history';
import { totalLag } from './status-history';

interface StatusTabProps {
  readonly poll: Poll<WatchtowerStatus>;
  readonly history: readonly StatusSample[];
  readonly stream: StreamState;
}

/** Every service the watchtower checks, the archive's lag and the pipeline's rates. */
export function StatusTab({ poll, history, stream }: StatusTabProps) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const status = poll.data;

  return (
    <section aria-label="Status" className="status">
      {poll.error !== null && (
        <p className="error" data-testid="status-error">
          The watchtower did not answer: {poll.error}
          {status !== null
            ? ` — showing its answer from ${formatAge(new Date(poll.at ?? now).toISOString(), now)}`
            : ''}
        </p>
      )}
      {status === null ? (
        poll.error === null && <p>Asking the watchtower…</p>
      ) : (
        <>
          <p className="overall" data-testid="overall">
            Pipeline <strong>{status.status}</strong>
            <span className="note"> · checked {formatAge(status.checked_at, now)}</span>
          </p>
          {status.reasons.length > 0 && (
            <ul className="reasons">
              {status.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
          <table className="services" aria-label="Services">
            <thead>
              <tr>
                <th>service</th>
                <th>kind</th>
                <th>state</th>
                <th className="number">latency</th>
                <th>last check</th>
                <th>error</th>
              </tr>
            </thead>
            <tbody>
              {status.services.map((service) => (
                <tr
                  key={service.name}
                  data-testid={`service-${service.name}`}
                  className={service.status === 'up' ? '' : 'bad'}
                >
                  <td>{service.name}</td>
                  <td>{service.kind}</td>
                  <td data-testid="service-state">{service.status}</td>
                  <td className="number">{service.latency_ms == null ? '–' : `${service.latency_ms} ms`}</td>
                  <td>{formatAge(service.checked_at, now)}</td>
                  <td className="error-text">{service.error ?? ''}</td>
                </tr>
              ))}
              {status.kafka !== null && (
                <tr data-testid="service-kafka" className={status.kafka.reachable ? '' : 'bad'}>
                  <td>kafka</td>
                  <td>broker</td>
                  <td data-testid="service-state">{status.kafka.reachable ? 'up' : 'unreachable'}</td>
                  <td className="number">–</td>
                  <td>{formatAge(status.checked_at, now)}</td>
                  <td className="error-text">
                    {status.kafka.error ??
                      `${status.kafka.bootstrap_servers}, ${status.kafka.topic} (${status.kafka.partitions ?? '?'} partitions)`}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <table className="rates" aria-label="Throughput">
            <tbody>
              <tr>
                <th>events in</th>
                <td className="number" data-testid="events-in">
                  {formatRate(status.events_in_per_second)}/s
                </td>
                <td>
                  <Sparkline values={history.map((s) => s.eventsIn)} label="events in per second, last minutes" />
                </td>
              </tr>
              <tr>
                <th>archived</th>
                <td className="number" data-testid="archived">
                  {formatRate(status.archived_per_second)}/s
                </td>
                <td>
                  <Sparkline values={history.map((s) => s.archived)} label="archived per second, last minutes" />
                </td>
              </tr>
              <tr>
                <th>archive lag</th>
                <td className="number" data-testid="lag">
                  {(() => {
                    const lag = totalLag(status);
                    return lag === null ? '–' : `${formatCount(lag)} events`;
                  })()}
                </td>
                <td>
                  <Sparkline values={history.map((s) => s.lag)} label="archive lag, last minutes" />
                </td>
              </tr>
              <tr>
                <th>broadcast</th>
                <td className="number">{formatRate(stream.stats?.events_per_second)}/s</td>
                <td>
                  <Sparkline
                    values={stream.rateHistory}
                    label="events per second read by the broadcaster, last minutes"
                  />
                </td>
              </tr>
            </tbody>
          </table>
          <p className="note">
            The watchtower checks every service every 10 s and measures rates between its checks; the broadcast rate
            comes from the live stream each second.{' '}
            {stream.stats !== null && `${formatCount(stream.stats.clients)} dashboard client(s) connected.`}
          </p>
        </>
      )}
    </section>
  );
}
