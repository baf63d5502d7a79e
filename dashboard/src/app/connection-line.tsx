import { useEffect, useState } from 'react';
import type { Connection } from '../stream/use-beacon-stream';

/** "live", "connecting…" or "disconnected — retrying in 4 s", plainly. */
export function ConnectionLine({ connection }: { connection: Connection }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (connection.state !== 'disconnected') {
      return undefined;
    }
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [connection.state]);

  let text: string;
  switch (connection.state) {
    case 'open':
      text = 'live';
      break;
    case 'connecting':
      text = connection.failures > 0 ? `reconnecting (attempt ${connection.failures + 1})…` : 'connecting…';
      break;
    case 'disconnected': {
      const seconds = Math.max(0, Math.ceil(((connection.retryAt ?? now) - now) / 1000));
      text = `disconnected${connection.reason ? ` (${connection.reason})` : ''} — retrying in ${seconds} s`;
      break;
    }
  }
  return (
    <p
      className={`connection connection-${connection.state}`}
      role="status"
      data-testid="connection"
      data-state={connection.state}
    >
      {text}
    </p>
  );
}
