import type { AgentState } from './protocol';

/** Positions of agent ids, shared by the tables of one lineage; it only ever grows. */
interface Index {
  readonly ids: string[];
  readonly positions: Map<string, number>;
}

/**
 * The latest state of each agent, in the order the agents were first seen. Immutable: an
 * update makes a new table. Copying a Map of 50,000 agents on every frame costs tens of
 * milliseconds, so tables of one lineage share an append-only index of positions (an older
 * table ignores the positions past its own size) and copy only the array of states, which is
 * a fast flat copy. A table updated twice in different ways (a branch) copies the index.
 */
export class AgentTable {
  static readonly EMPTY = new AgentTable({ ids: [], positions: new Map() }, []);

  private constructor(
    private readonly index: Index,
    private readonly states: readonly AgentState[],
  ) {}

  get size(): number {
    return this.states.length;
  }

  get(agentId: string): AgentState | undefined {
    const position = this.index.positions.get(agentId);
    return position !== undefined && position < this.states.length ? this.states[position] : undefined;
  }

  has(agentId: string): boolean {
    return this.get(agentId) !== undefined;
  }

  /** States in the order first seen. */
  values(): IterableIterator<AgentState> {
    return this.states.values();
  }

  *keys(): IterableIterator<string> {
    for (const state of this.states) {
      yield state.agent_id;
    }
  }

  /** A copy to change, for reducers; `done()` makes the new table. */
  edit(): AgentTableDraft {
    return new AgentTableDraft(this.index, this.states.slice());
  }

  /** @internal */
  static of(index: Index, states: AgentState[]): AgentTable {
    return new AgentTable(index, states);
  }
}

export class AgentTableDraft {
  constructor(
    private index: Index,
    private readonly states: AgentState[],
  ) {}

  get(agentId: string): AgentState | undefined {
    const position = this.index.positions.get(agentId);
    return position !== undefined && position < this.states.length ? this.states[position] : undefined;
  }

  set(state: AgentState): void {
    const position = this.index.positions.get(state.agent_id);
    if (position !== undefined && position < this.states.length) {
      this.states[position] = state;
      return;
    }
    if (this.index.ids.length !== this.states.length) {
      // another table of this lineage appended already: branch off with an index of our own
      const ids = this.index.ids.slice(0, this.states.length);
      this.index = { ids, positions: new Map(ids.map((id, i) => [id, i])) };
    }
    this.index.positions.set(state.agent_id, this.states.length);
    this.index.ids.push(state.agent_id);
    this.states.push(state);
  }

  done(): AgentTable {
    return AgentTable.of(this.index, this.states);
  }
}
