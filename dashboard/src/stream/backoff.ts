/** Reconnect delays: 0.5 s doubling to 10 s, each spread by ±20 % so clients do not return in step. */
export const BACKOFF = { initialMs: 500, maxMs: 10_000, jitter: 0.2 } as const;

/**
 * The delay before reconnect attempt `attempt` (0 for the first after a loss).
 * @param random a number in [0, 1), Math.random by default
 */
export function backoffDelay(attempt: number, random: number = Math.random()): number {
  const base = Math.min(BACKOFF.maxMs, BACKOFF.initialMs * 2 ** Math.max(0, attempt));
  return Math.round(base * (1 - BACKOFF.jitter + 2 * BACKOFF.jitter * random));
}
