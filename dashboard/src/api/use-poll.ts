import { useEffect, useRef, useState } from 'react';
import { getJson } from './services';

export interface Poll<T> {
  readonly data: T | null;
  readonly error: string | null;
  /** When the last answer (or failure) came, epoch ms. */
  readonly at: number | null;
}

/**
 * GETs `url` now and every `intervalMs`, one request at a time; `onData` sees every answer
 * (to keep a history). The last good answer stays while later ones fail.
 */
export function usePoll<T>(url: string, intervalMs: number, onData?: (data: T, at: number) => void): Poll<T> {
  const [poll, setPoll] = useState<Poll<T>>({ data: null, error: null, at: null });
  const onDataRef = useRef(onData);
  onDataRef.current = onData;
  useEffect(() => {
    let disposed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const run = async () => {
      try {
        const data = await getJson<T>(url, controller.signal);
        if (disposed) {
          return;
        }
        const at = Date.now();
        onDataRef.current?.(data, at);
        setPoll({ data, error: null, at });
      } catch (error) {
        if (disposed) {
          return;
        }
        setPoll((previous) => ({
          ...previous,
          error: error instanceof Error ? error.message : String(error),
          at: Date.now(),
        }));
      }
      timer = setTimeout(run, intervalMs);
    };
    void run();
    return () => {
      disposed = true;
      clearTimeout(timer);
      controller.abort();
    };
  }, [url, intervalMs]);
  return poll;
}
