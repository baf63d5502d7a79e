import { describe, expect, test } from 'vitest';
import type { AgentState, ServerFrame, StreamEvent } from './protocol';
import {
  FEED_LIMIT,
  INITIAL_STATE,
  orderedStatuses,
  RATE_HISTORY,
  reduceFrame,
  reduceFrames,
  type StreamState,
} from './stream-state';

let offset = 0;
function event(agent_id: string, status: string, seq?: number, extra: Partial<StreamEvent> = {}): StreamEvent {
  offset += 1;
  return {
    agent_id,
    status,
    timestamp: '2026-06-26T12:00:00Z',
    event_id: `e-${offset}`,
    received_at: '2026-06-26T12:00:00.100Z',
    partition: 0,
    offset,
    ...(seq === undefined ? {} : { seq }),
    metadata: { task: 'web_search' },
    gateway: 'gateway-8010',
    ...extra,
  };
}

function state(agent_id: string, status: string, seq?: number): AgentState {
  const { metadata: _metadata, gateway: _gateway, ...rest } = event(agent_id, status, seq);
  return rest;
}

const snapshot = (part: number, last: boolean, agents: AgentState[]): ServerFrame => ({
  type: 'snapshot',
  part,
  last,
  total: agents.length,
  agents,
});

const events = (list: StreamEvent[], skipped = 0, conflated = false): ServerFrame => ({
  type: 'events',
  events: list,
  skipped,
  conflated,
});

const stats = (at: string, eventsPerSecond: number): ServerFrame => ({
  type: 'stats',
  at,
  events_per_second: eventsPerSecond,
  events_total: 0,
  agents: 0,
  clients: 1,
  statuses: {},
});

const run = (frames: ServerFrame[], from: StreamState = INITIAL_STATE) => frames.reduce(reduceFrame, from);

const statusesOf = (s: StreamState) => Object.fromEntries([...s.agents.values()].map((a) => [a.agent_id, a.status]));

describe('agents and counts per status', () => {
  test.each<{
    name: string;
    frames: ServerFrame[];
    agents: Record<string, string>;
    counts: Record<string, number>;
    loading: boolean;
  }>([
    { name: 'nothing yet', frames: [], agents: {}, counts: {}, loading: true },
    {
      name: 'a snapshot in one part',
      frames: [snapshot(0, true, [state('a', 'idle'), state('b', 'running'), state('c', 'running')])],
      agents: { a: 'idle', b: 'running', c: 'running' },
      counts: { idle: 1, running: 2 },
      loading: false,
    },
    {
      name: 'a snapshot still arriving',
      frames: [snapshot(0, false, [state('a', 'idle')])],
      agents: { a: 'idle' },
      counts: { idle: 1 },
      loading: true,
    },
    {
      name: 'snapshot parts add up',
      frames: [snapshot(0, false, [state('a', 'idle')]), snapshot(1, true, [state('b', 'error')])],
      agents: { a: 'idle', b: 'error' },
      counts: { idle: 1, error: 1 },
      loading: false,
    },
    {
      name: 'part 0 starts a fresh view (a reconnect, a new filter)',
      frames: [
        snapshot(0, true, [state('a', 'idle'), state('b', 'running')]),
        snapshot(0, true, [state('c', 'waiting')]),
      ],
      agents: { c: 'waiting' },
      counts: { waiting: 1 },
      loading: false,
    },
    {
      name: 'events move agents between statuses',
      frames: [
        snapshot(0, true, [state('a', 'idle'), state('b', 'idle')]),
        events([event('a', 'running'), event('c', 'starting')]),
        events([event('a', 'completed')]),
      ],
      agents: { a: 'completed', b: 'idle', c: 'starting' },
      counts: { idle: 1, completed: 1, starting: 1 },
      loading: false,
    },
    {
      name: 'the last of one agent’s events in a frame wins',
      frames: [events([event('a', 'running'), event('a', 'waiting'), event('a', 'error')])],
      agents: { a: 'error' },
      counts: { error: 1 },
      loading: true,
    },
    {
      name: 'an older seq does not overwrite a newer state',
      frames: [events([event('a', 'running', 5)]), events([event('a', 'idle', 4)])],
      agents: { a: 'running' },
      counts: { running: 1 },
      loading: true,
    },
    {
      name: 'a newer seq does',
      frames: [events([event('a', 'running', 5)]), events([event('a', 'completed', 6)])],
      agents: { a: 'completed' },
      counts: { completed: 1 },
      loading: true,
    },
    {
      name: 'without seq, arrival order decides',
      frames: [events([event('a', 'running')]), events([event('a', 'idle', 1)])],
      agents: { a: 'idle' },
      counts: { idle: 1 },
      loading: true,
    },
    {
      name: 'conflated states update agents like events',
      frames: [snapshot(0, true, [state('a', 'idle')]), events([event('a', 'error'), event('b', 'idle')], 40, true)],
      agents: { a: 'error', b: 'idle' },
      counts: { error: 1, idle: 1 },
      loading: false,
    },
  ])('$name', ({ frames, agents, counts, loading }) => {
    const result = run(frames);
    expect(statusesOf(result)).toEqual(agents);
    expect(result.counts).toEqual(counts);
    expect(result.loading).toBe(loading);
  });

  test('agents keep no metadata, only state', () => {
    const result = run([events([event('a', 'running')])]);
    expect(result.agents.get('a')).not.toHaveProperty('metadata');
    expect(result.agents.get('a')).not.toHaveProperty('gateway');
  });

  test('no frame changes the state it was given', () => {
    const before = run([snapshot(0, true, [state('a', 'idle')])]);
    const frozenAgents = [...before.agents.values()];
    run([events([event('a', 'running'), event('b', 'idle')]), snapshot(1, true, [state('c', 'idle')])], before);
    expect([...before.agents.values()]).toEqual(frozenAgents);
    expect(before.agents.get('b')).toBeUndefined();
    expect(before.agents.size).toBe(1);
    expect(before.counts).toEqual({ idle: 1 });
    expect(before.feed).toEqual([]);
  });
});

describe('the feed', () => {
  test.each<{ name: string; frames: ServerFrame[]; feed: string[]; received: number }>([
    { name: 'a snapshot is not an event', frames: [snapshot(0, true, [state('a', 'idle')])], feed: [], received: 0 },
    {
      name: 'newest first, across and within frames',
      frames: [events([event('a', 'idle'), event('b', 'idle')]), events([event('c', 'running')])],
      feed: ['c', 'b', 'a'],
      received: 3,
    },
    {
      name: 'an empty frame changes nothing',
      frames: [events([event('a', 'idle')]), events([])],
      feed: ['a'],
      received: 1,
    },
  ])('$name', ({ frames, feed, received }) => {
    const result = run(frames);
    expect(result.feed.map((entry) => entry.event.agent_id)).toEqual(feed);
    expect(result.received).toBe(received);
  });

  test.each([
    { name: 'one big frame', frames: [FEED_LIMIT + 10] },
    { name: 'many small frames', frames: Array.from({ length: 12 }, () => Math.ceil(FEED_LIMIT / 10)) },
  ])('is bounded to FEED_LIMIT, keeping the newest: $name', ({ frames }) => {
    let last = '';
    const list = frames.map((size) =>
      events(
        Array.from({ length: size }, (_, i) => {
          const e = event(`agent-${i}`, 'running');
          last = e.event_id;
          return e;
        }),
      ),
    );
    const result = run(list);
    expect(result.feed).toHaveLength(FEED_LIMIT);
    expect(result.feed[0]?.event.event_id).toBe(last);
    expect(new Set(result.feed.map((entry) => entry.key)).size).toBe(FEED_LIMIT);
  });

  test('conflated states are marked in the feed', () => {
    const result = run([events([event('a', 'idle')]), events([event('a', 'error')], 7, true)]);
    expect(result.feed.map((entry) => entry.conflated)).toEqual([true, false]);
  });
});

describe('conflation counts', () => {
  test.each<{ name: string; frames: ServerFrame[]; skipped: number }>([
    { name: 'none', frames: [events([event('a', 'idle')])], skipped: 0 },
    { name: 'one conflated frame', frames: [events([event('a', 'idle')], 120, true)], skipped: 120 },
    {
      name: 'they add up',
      frames: [
        events([event('a', 'idle')], 120, true),
        events([event('b', 'idle')]),
        events([event('c', 'idle')], 30, true),
      ],
      skipped: 150,
    },
    { name: 'a frame that only reports skipped events', frames: [events([], 5, true)], skipped: 5 },
    { name: 'absent skipped is 0', frames: [{ type: 'events', events: [event('a', 'idle')] }], skipped: 0 },
  ])('$name', ({ frames, skipped }) => {
    expect(run(frames).skipped).toBe(skipped);
  });
});

describe('filters', () => {
  const feedAgents = (s: StreamState) => s.feed.map((entry) => `${entry.event.agent_id}/${entry.event.status}`);
  const before = [events([event('a', 'idle'), event('b', 'error'), event('a', 'error'), event('c', 'running')])];

  test.each<{ name: string; agent_ids: string[] | null; statuses: string[] | null; feed: string[] }>([
    { name: 'everything', agent_ids: null, statuses: null, feed: ['c/running', 'a/error', 'b/error', 'a/idle'] },
    { name: 'by agent', agent_ids: ['a'], statuses: null, feed: ['a/error', 'a/idle'] },
    { name: 'by status', agent_ids: null, statuses: ['error'], feed: ['a/error', 'b/error'] },
    { name: 'by both', agent_ids: ['a', 'c'], statuses: ['error', 'running'], feed: ['c/running', 'a/error'] },
    { name: 'empty lists are all', agent_ids: [], statuses: [], feed: ['c/running', 'a/error', 'b/error', 'a/idle'] },
    { name: 'nothing matches', agent_ids: ['z'], statuses: null, feed: [] },
  ])('subscribed to $name: the feed keeps what matches', ({ agent_ids, statuses, feed }) => {
    const result = run([...before, { type: 'subscribed', agent_ids, statuses }]);
    expect(feedAgents(result)).toEqual(feed);
    expect(result.filter).toEqual({ agentIds: agent_ids ?? [], statuses: statuses ?? [] });
  });

  test('an error frame is shown, and the next subscribed clears it', () => {
    const failed = run([{ type: 'error', error: 'invalid_message', message: 'statuses must be strings' }]);
    expect(failed.error).toBe('invalid_message: statuses must be strings');
    expect(run([{ type: 'subscribed', agent_ids: null, statuses: null }], failed).error).toBeNull();
  });
});

describe('rates', () => {
  test.each<{ name: string; frames: ServerFrame[]; viewRate: number; history: number[] }>([
    {
      name: 'one stats frame has no interval yet',
      frames: [stats('2026-01-01T00:00:00Z', 12)],
      viewRate: 0,
      history: [12],
    },
    {
      name: 'events between two stats frames, per second',
      frames: [
        stats('2026-01-01T00:00:00Z', 12),
        events([event('a', 'idle'), event('b', 'idle'), event('c', 'idle'), event('d', 'idle')]),
        stats('2026-01-01T00:00:02Z', 14),
      ],
      viewRate: 2,
      history: [12, 14],
    },
    {
      name: 'a clock that does not advance keeps the last rate',
      frames: [stats('2026-01-01T00:00:00Z', 1), events([event('a', 'idle')]), stats('2026-01-01T00:00:00Z', 1)],
      viewRate: 0,
      history: [1, 1],
    },
  ])('$name', ({ frames, viewRate, history }) => {
    const result = run(frames);
    expect(result.viewRate).toBeCloseTo(viewRate);
    expect(result.rateHistory).toEqual(history);
  });

  test('the history is bounded', () => {
    const frames = Array.from({ length: RATE_HISTORY + 5 }, (_, i) => stats(new Date(i * 1000).toISOString(), i));
    const result = run(frames);
    expect(result.rateHistory).toHaveLength(RATE_HISTORY);
    expect(result.rateHistory[0]).toBe(5);
  });
});

describe('orderedStatuses', () => {
  test.each<{ counts: Record<string, number>; order: string[] }>([
    { counts: {}, order: [] },
    { counts: { error: 1, idle: 2, running: 3 }, order: ['idle', 'running', 'error'] },
    { counts: { zebra: 1, alpha: 1, completed: 4 }, order: ['completed', 'alpha', 'zebra'] },
  ])('$counts → $order', ({ counts, order }) => {
    expect(orderedStatuses(counts)).toEqual(order);
  });
});

describe('reduceFrames', () => {
  test.each<{ name: string; frames: ServerFrame[] }>([
    { name: 'nothing', frames: [] },
    {
      name: 'a snapshot in parts, then events',
      frames: [
        snapshot(0, false, [state('a', 'idle')]),
        snapshot(1, true, [state('b', 'idle')]),
        events([event('a', 'running')]),
      ],
    },
    {
      name: 'events, a new filter, a fresh snapshot, more events',
      frames: [
        events([event('a', 'idle'), event('b', 'error')]),
        { type: 'subscribed', agent_ids: null, statuses: ['error'] },
        snapshot(0, true, [state('b', 'error')]),
        events([event('b', 'error', 3)], 12, true),
        stats('2026-01-01T00:00:01Z', 3),
      ],
    },
    {
      name: 'more events than the feed keeps',
      frames: [
        events(Array.from({ length: FEED_LIMIT + 3 }, (_, i) => event(`x${i}`, 'idle'))),
        events([event('y', 'idle')]),
      ],
    },
  ])('applies several frames at once as one by one: $name', ({ frames }) => {
    const together = reduceFrames(INITIAL_STATE, frames);
    const oneByOne = run(frames);
    expect([...together.agents.values()]).toEqual([...oneByOne.agents.values()]);
    expect(together.counts).toEqual(oneByOne.counts);
    expect(together.feed).toEqual(oneByOne.feed);
    expect({ ...together, agents: null, counts: null, feed: null, version: null }).toEqual({
      ...oneByOne,
      agents: null,
      counts: null,
      feed: null,
      version: null,
    });
  });
});
