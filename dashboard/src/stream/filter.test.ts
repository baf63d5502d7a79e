import { describe, expect, test } from 'vitest';
import { describeFilter, filterFromText, matches, parseList } from './filter';
import { parseFrame, subscribeMessage } from './protocol';

describe('parseList', () => {
  test.each([
    ['', []],
    ['  ', []],
    ['agent-1', ['agent-1']],
    ['a, b,c  d', ['a', 'b', 'c', 'd']],
    ['a,,a , b', ['a', 'b']],
  ])('%j → %j', (text, list) => {
    expect(parseList(text)).toEqual(list);
  });
});

describe('matches', () => {
  test.each([
    { agents: '', statuses: '', item: { agent_id: 'a', status: 'idle' }, expected: true },
    { agents: 'a', statuses: '', item: { agent_id: 'a', status: 'idle' }, expected: true },
    { agents: 'b', statuses: '', item: { agent_id: 'a', status: 'idle' }, expected: false },
    { agents: '', statuses: 'error', item: { agent_id: 'a', status: 'idle' }, expected: false },
    { agents: 'a', statuses: 'idle, error', item: { agent_id: 'a', status: 'idle' }, expected: true },
  ])(
    'agents "$agents", statuses "$statuses": $item.agent_id/$item.status → $expected',
    ({ agents, statuses, item, expected }) => {
      expect(matches(filterFromText(agents, statuses), item)).toBe(expected);
    },
  );
});

describe('subscribeMessage', () => {
  test.each([
    { agents: '', statuses: '', message: { type: 'subscribe', agent_ids: null, statuses: null } },
    { agents: 'a b', statuses: '', message: { type: 'subscribe', agent_ids: ['a', 'b'], statuses: null } },
    { agents: '', statuses: 'error', message: { type: 'subscribe', agent_ids: null, statuses: ['error'] } },
  ])('"$agents" / "$statuses"', ({ agents, statuses, message }) => {
    expect(JSON.parse(subscribeMessage(filterFromText(agents, statuses)))).toEqual(message);
  });
});

describe('describeFilter', () => {
  test.each([
    ['', '', 'all agents, all statuses'],
    ['a', '', 'agents a; all statuses'],
    ['', 'error,idle', 'all agents; status error, idle'],
  ])('"%s" / "%s" → %s', (agents, statuses, text) => {
    expect(describeFilter(filterFromText(agents, statuses))).toBe(text);
  });
});

describe('parseFrame', () => {
  test.each([
    ['not json', null],
    ['42', null],
    ['null', null],
    ['{"type":"hello"}', null],
    ['{"type":"events"}', null],
    ['{"type":"snapshot","agents":{}}', null],
    ['{"type":"events","events":[],"skipped":3,"conflated":true}', 'events'],
    ['{"type":"snapshot","agents":[],"part":0,"last":true,"total":0}', 'snapshot'],
    ['{"type":"stats","at":"2026-01-01T00:00:00Z","events_per_second":1}', 'stats'],
    ['{"type":"subscribed","agent_ids":null,"statuses":null}', 'subscribed'],
    ['{"type":"error","error":"invalid_message","message":"x"}', 'error'],
  ])('%s → %s', (text, type) => {
    expect(parseFrame(text)?.type ?? null).toBe(type);
  });
});
