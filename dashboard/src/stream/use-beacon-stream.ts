import { useCallback, useEffect, useRef, useState } from 'react';
import { record } from '../perf';
import { backoffDelay } from './backoff';
import { type Filter, NO_FILTER, parseFrame, type ServerFrame, subscribeMessage } from './protocol';
import { INITIAL_STATE, reduceFrames, type StreamState } from './stream-state';

export type ConnectionState = 'connecting' | 'open' | 'disconnected';

export interface Connection {
  readonly state: ConnectionState;
  /** When the next attempt starts (epoch ms), while disconnected. */
  readonly retryAt: number | null;
  /** Failed attempts since the last good connection. */
  readonly failures: number;
  /** Why the last connection ended, in words. */
  readonly reason: string | null;
}

export interface BeaconStream {
  readonly state: StreamState;
  readonly connection: Connection;
  /** The filter asked for (the state's `filter` is the one the server confirmed). */
  readonly wanted: Filter;
  subscribe(filter: Filter): void;
}

/** No frame for this long (stats come every second) means the connection is dead. */
const SILENCE_MS = 10_000;

/**
 * Frames that arrive within this long of each other are applied together, in one React
 * update: under load the broadcaster sends frames back to back, and with 50,000 agents one
 * update for ten frames costs a tenth of ten.
 */
const COALESCE_MS = 16;

export function streamUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/**
 * The one owner of the broadcaster's WebSocket: it connects, applies every frame to the
 * stream state, reconnects with backoff when the connection is lost (sending the filter
 * again), and closes the socket when the component using it unmounts.
 */
export function useBeaconStream(url: string = streamUrl()): BeaconStream {
  const [state, setState] = useState<StreamState>(INITIAL_STATE);
  const [connection, setConnection] = useState<Connection>({
    state: 'connecting',
    retryAt: null,
    failures: 0,
    reason: null,
  });
  const [wanted, setWanted] = useState<Filter>(NO_FILTER);
  const stateRef = useRef(state);
  const filterRef = useRef<Filter>(NO_FILTER);
  const socketRef = useRef<WebSocket | null>(null);

  useEffect(() => {
    let disposed = false;
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let watchdog: ReturnType<typeof setInterval> | undefined;
    let failures = 0;
    let lastFrame = 0;
    let queue: ServerFrame[] = [];
    let flushTimer: ReturnType<typeof setTimeout> | undefined;

    const flush = () => {
      flushTimer = undefined;
      const frames = queue;
      queue = [];
      const started = performance.now();
      const next = reduceFrames(stateRef.current, frames);
      stateRef.current = next;
      setState(next);
      record('update', performance.now() - started, frames.length);
    };

    const schedule = (reason: string) => {
      if (disposed) {
        return;
      }
      const delay = backoffDelay(failures);
      failures += 1;
      setConnection({ state: 'disconnected', retryAt: Date.now() + delay, failures, reason });
      timer = setTimeout(connect, delay);
    };

    const connect = () => {
      if (disposed) {
        return;
      }
      setConnection((previous) => ({ ...previous, state: 'connecting', retryAt: null }));
      const ws = new WebSocket(url);
      socket = ws;
      socketRef.current = ws;
      ws.onopen = () => {
        lastFrame = Date.now();
        if (filterRef.current.agentIds.length > 0 || filterRef.current.statuses.length > 0) {
          ws.send(subscribeMessage(filterRef.current));
        }
      };
      ws.onmessage = (message: MessageEvent) => {
        if (typeof message.data !== 'string') {
          return;
        }
        lastFrame = Date.now();
        const frame = parseFrame(message.data);
        if (frame === null) {
          return;
        }
        if (failures > 0 || frame.type === 'snapshot') {
          // a frame proves the connection: the next loss starts the backoff afresh
          failures = 0;
          setConnection((previous) =>
            previous.state === 'open' ? previous : { state: 'open', retryAt: null, failures: 0, reason: null },
          );
        }
        queue.push(frame);
        flushTimer ??= setTimeout(flush, COALESCE_MS);
      };
      ws.onclose = (event: CloseEvent) => {
        if (socket !== ws) {
          return;
        }
        socket = null;
        socketRef.current = null;
        schedule(
          event.code === 1006 ? 'connection lost' : `closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`,
        );
      };
      // onerror is always followed by onclose, which reconnects; the browser has logged it already
      ws.onerror = () => undefined;
    };

    watchdog = setInterval(() => {
      if (socket !== null && socket.readyState === WebSocket.OPEN && Date.now() - lastFrame > SILENCE_MS) {
        socket.close(4000, 'silent');
      }
    }, SILENCE_MS / 2);
    // deferred a tick: a mount undone at once (React's StrictMode) never opens a socket
    timer = setTimeout(connect, 0);

    return () => {
      disposed = true;
      clearTimeout(timer);
      clearTimeout(flushTimer);
      clearInterval(watchdog);
      if (socket !== null) {
        const ws = socket;
        socket = null;
        socketRef.current = null;
        ws.onclose = null;
        ws.onmessage = null;
        ws.close(1000, 'page closed');
      }
    };
  }, [url]);

  const subscribe = useCallback((filter: Filter) => {
    filterRef.current = filter;
    setWanted(filter);
    const ws = socketRef.current;
    if (ws !== null && ws.readyState === WebSocket.OPEN) {
      ws.send(subscribeMessage(filter));
    }
  }, []);

  return { state, connection, wanted, subscribe };
}
