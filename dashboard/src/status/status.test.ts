import { describe, expect, test } from 'vitest';
import type { WatchtowerStatus } from '../api/services';
import { sparklinePoints } from './sparkline';
import { appendSample, STATUS_HISTORY, totalLag } from './status-history';

const status = (lag: Record<string, number>, eventsIn: number | null = 10): WatchtowerStatus => ({
  status: 'up',
  reasons: [],
  checked_at: '2026-01-01T00:00:00Z',
  services: [],
  kafka: null,
  consumer_lag: lag,
  events_in_per_second: eventsIn,
  archived_per_second: 9,
});

describe('totalLag', () => {
  test.each([
    [{}, null],
    [{ 'beacon-archiver': 0 }, 0],
    [{ 'beacon-archiver': 12, other: 30 }, 42],
  ])('%j → %s', (lag, total) => {
    expect(totalLag(status(lag))).toBe(total);
  });
});

test('the history keeps the last STATUS_HISTORY samples', () => {
  let history = appendSample([], status({ g: 1 }), 0);
  for (let i = 1; i <= STATUS_HISTORY + 3; i++) {
    history = appendSample(history, status({ g: i }), i);
  }
  expect(history).toHaveLength(STATUS_HISTORY);
  expect(history.at(-1)).toEqual({ at: STATUS_HISTORY + 3, eventsIn: 10, archived: 9, lag: STATUS_HISTORY + 3 });
});

describe('sparklinePoints', () => {
  test.each<{ values: (number | null)[]; points: string }>([
    { values: [], points: '' },
    { values: [0], points: '0,9.5' },
    { values: [0, 10], points: '0,9.5 100,0.5' },
    { values: [10, null, 5], points: '0,0.5 100,5' },
    { values: [-3, 0], points: '0,9.5 100,9.5' },
  ])('$values', ({ values, points }) => {
    expect(sparklinePoints(values, 100, 10)).toBe(points);
  });
});
