import { expect, test } from 'vitest';
import { BACKOFF, backoffDelay } from './backoff';

test.each([
  { attempt: 0, random: 0.5, delay: 500 },
  { attempt: 1, random: 0.5, delay: 1000 },
  { attempt: 2, random: 0.5, delay: 2000 },
  { attempt: 4, random: 0.5, delay: 8000 },
  { attempt: 5, random: 0.5, delay: BACKOFF.maxMs },
  { attempt: 50, random: 0.5, delay: BACKOFF.maxMs },
  { attempt: 0, random: 0, delay: 400 },
  { attempt: 0, random: 0.999999, delay: 600 },
  { attempt: 60, random: 0, delay: 8000 },
  { attempt: -1, random: 0.5, delay: 500 },
])('attempt $attempt, random $random → $delay ms', ({ attempt, random, delay }) => {
  expect(backoffDelay(attempt, random)).toBe(delay);
});
