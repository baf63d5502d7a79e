import type { WatchtowerStatus } from '../api/services';

/** Samples kept: at one every 2 s, 5 minutes. */
export const STATUS_HISTORY = 150;

export interface StatusSample {
  readonly at: number;
  readonly eventsIn: number | null;
  readonly archived: number | null;
  readonly lag: number | null;
}

/** Archive lag: the sum over the watched consumer groups, null when none is known. */
export function totalLag(status: Pick<WatchtowerStatus, 'consumer_lag'>): number | null {
  const lags = Object.values(status.consumer_lag ?? {});
  return lags.length === 0 ? null : lags.reduce((sum, lag) => sum + lag, 0);
}

export function appendSample(
  history: readonly StatusSample[],
  status: WatchtowerStatus,
  at: number,
): readonly StatusSample[] {
  const sample: StatusSample = {
    at,
    eventsIn: status.events_in_per_second,
    archived: status.archived_per_second,
    lag: totalLag(status),
  };
  return history.concat(sample).slice(-STATUS_HISTORY);
}
