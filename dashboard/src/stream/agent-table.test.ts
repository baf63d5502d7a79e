import { describe, expect, test } from 'vitest';
import { AgentTable } from './agent-table';
import type { AgentState } from './protocol';

const agent = (agent_id: string, status = 'idle'): AgentState => ({
  agent_id,
  status,
  timestamp: '2026-01-01T00:00:00Z',
  event_id: `${agent_id}-${status}`,
  partition: 0,
  offset: 0,
});

const table = (...states: AgentState[]) => {
  const draft = AgentTable.EMPTY.edit();
  for (const state of states) draft.set(state);
  return draft.done();
};

const view = (t: AgentTable) => [...t.values()].map((s) => `${s.agent_id}/${s.status}`);

describe('AgentTable', () => {
  test.each<{ name: string; build: () => AgentTable; expected: string[] }>([
    { name: 'empty', build: () => AgentTable.EMPTY, expected: [] },
    {
      name: 'in the order first seen',
      build: () => table(agent('b'), agent('a'), agent('c')),
      expected: ['b/idle', 'a/idle', 'c/idle'],
    },
    {
      name: 'an update keeps the place',
      build: () => table(agent('a'), agent('b'), agent('a', 'error')),
      expected: ['a/error', 'b/idle'],
    },
  ])('$name', ({ build, expected }) => {
    const t = build();
    expect(view(t)).toEqual(expected);
    expect(t.size).toBe(expected.length);
    expect([...t.keys()]).toEqual(expected.map((s) => s.split('/')[0]));
  });

  test('an older table does not see what a newer one added or changed', () => {
    const first = table(agent('a'));
    const draft = first.edit();
    draft.set(agent('b'));
    draft.set(agent('a', 'running'));
    const second = draft.done();
    expect(view(first)).toEqual(['a/idle']);
    expect(first.get('b')).toBeUndefined();
    expect(first.has('b')).toBe(false);
    expect(view(second)).toEqual(['a/running', 'b/idle']);
    expect(second.get('b')?.status).toBe('idle');
  });

  test('two updates of the same table branch without seeing each other', () => {
    const base = table(agent('a'));
    const left = base.edit();
    left.set(agent('b'));
    const right = base.edit();
    right.set(agent('c'));
    right.set(agent('b', 'error'));
    const l = left.done();
    const r = right.done();
    expect(view(l)).toEqual(['a/idle', 'b/idle']);
    expect(view(r)).toEqual(['a/idle', 'c/idle', 'b/error']);
    expect(l.get('c')).toBeUndefined();
    expect(r.get('b')?.status).toBe('error');
    expect(view(base)).toEqual(['a/idle']);
  });
});
