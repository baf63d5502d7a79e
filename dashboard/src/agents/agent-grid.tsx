import { useEffect, useRef, useState } from 'react';
import { record } from '../perf';
import type { AgentTable } from '../stream/agent-table';
import type { AgentState } from '../stream/protocol';
import { faded, shadeOf } from './shades';

/** Cells are `pitch` px apart (a cell and its gap): large for a few agents, 4 px from 5,000 on. */
function pitchFor(agents: number): number {
  return agents <= 500 ? 16 : agents <= 5000 ? 8 : 4;
}

const cellOf = (pitch: number) => (pitch > 4 ? pitch - 2 : pitch - 1);

interface AgentGridProps {
  readonly agents: AgentTable;
  /** Grows whenever `agents` changes. */
  readonly version: number;
  /** Agents that do not contain it are faded; empty: none is. */
  readonly search: string;
  readonly selected: string | null;
  readonly onSelect: (agentId: string) => void;
}

/**
 * Every agent as one small cell shaded by status, in the order they were first seen, drawn
 * on a canvas pixel by pixel, at most once per animation frame, repainting only the cells that
 * changed: 50,000 agents stay cheap.
 */
export function AgentGrid({ agents, version, search, selected, onSelect }: AgentGridProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const idsRef = useRef<string[]>([]);
  const selectedRef = useRef<string | null>(null);
  const [width, setWidth] = useState(800);
  const [hover, setHover] = useState<AgentState | null>(null);

  useEffect(() => {
    const box = boxRef.current;
    if (box === null) {
      return undefined;
    }
    const observer = new ResizeObserver(([entry]) => {
      if (entry !== undefined) {
        setWidth(Math.max(160, Math.floor(entry.contentRect.width)));
      }
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  const pitch = pitchFor(agents.size);
  const cell = cellOf(pitch);
  const columns = Math.floor(width / pitch);
  const rows = Math.max(1, Math.ceil(agents.size / columns));

  // What is on the canvas: a redraw paints only the cells whose agent or shade changed.
  const paintedRef = useRef<{
    image: ImageData;
    levels: Int16Array;
    /** 1 where the agent in that place matches the search: checked once per agent and search */
    matched: Uint8Array;
    needle: string;
    columns: number;
    pitch: number;
  } | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the agents' content, rows for the canvas size
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const canvas = canvasRef.current;
      const context = canvas?.getContext('2d');
      if (canvas == null || context == null) {
        return;
      }
      const started = performance.now();
      const w = columns * pitch;
      const h = rows * pitch;
      const needle = search.trim().toLowerCase();
      let painted = paintedRef.current;
      let full = false;
      if (
        painted === null ||
        painted.columns !== columns ||
        painted.pitch !== pitch ||
        painted.needle !== needle ||
        painted.levels.length < agents.size
      ) {
        // room to grow: a new agent does not start all over
        const capacity = Math.max(1024, agents.size * 2);
        const fresh = context.createImageData(w, Math.ceil(capacity / columns) * pitch);
        new Uint32Array(fresh.data.buffer).fill(0xffffffff);
        const levels = new Int16Array(capacity).fill(-1);
        const matched = new Uint8Array(capacity);
        if (painted !== null && painted.columns === columns && painted.pitch === pitch && painted.needle === needle) {
          // more rows, same layout: keep what is painted
          new Uint8ClampedArray(fresh.data.buffer).set(
            painted.image.data.subarray(0, Math.min(painted.image.data.length, fresh.data.length)),
          );
          levels.set(painted.levels.subarray(0, Math.min(painted.levels.length, levels.length)));
          matched.set(painted.matched.subarray(0, Math.min(painted.matched.length, matched.length)));
        } else {
          idsRef.current = [];
        }
        painted = { image: fresh, levels, matched, needle, columns, pitch };
        paintedRef.current = painted;
        full = true;
      }
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
        full = true;
      }
      const pixels = new Uint32Array(painted.image.data.buffer);
      const { levels, matched } = painted;
      const ids = idsRef.current;
      let top = Number.MAX_SAFE_INTEGER;
      let bottom = -1;
      let i = 0;
      for (const agent of agents.values()) {
        const placed = ids[i] === agent.agent_id;
        if (!placed) {
          ids[i] = agent.agent_id;
          matched[i] = needle === '' || agent.agent_id.toLowerCase().includes(needle) ? 1 : 0;
        }
        const level = matched[i] === 1 ? shadeOf(agent.status) : faded(shadeOf(agent.status));
        if (levels[i] !== level || !placed) {
          levels[i] = level;
          // one byte per channel; grey needs no channel order
          const colour = (0xff << 24) | (level << 16) | (level << 8) | level;
          const x = (i % columns) * pitch;
          const y = Math.floor(i / columns) * pitch;
          for (let dy = 0; dy < cell; dy++) {
            const row = (y + dy) * w + x;
            for (let dx = 0; dx < cell; dx++) {
              pixels[row + dx] = colour;
            }
          }
          top = Math.min(top, y);
          bottom = Math.max(bottom, y + cell);
        }
        i++;
      }
      // agents gone (a fresh snapshot with fewer): white cells
      for (let j = i; j < levels.length && levels[j] !== -1; j++) {
        levels[j] = -1;
        const x = (j % columns) * pitch;
        const y = Math.floor(j / columns) * pitch;
        for (let dy = 0; dy < cell; dy++) {
          pixels.fill(0xffffffff, (y + dy) * w + x, (y + dy) * w + x + cell);
        }
        top = Math.min(top, y);
        bottom = Math.max(bottom, y + cell);
      }
      ids.length = agents.size;
      idsRef.current = ids;
      if (full || selected !== selectedRef.current) {
        context.putImageData(painted.image, 0, 0, 0, 0, w, h);
      } else if (bottom >= 0) {
        context.putImageData(painted.image, 0, 0, 0, top - 2, w, bottom - top + 4);
      }
      selectedRef.current = selected;
      if (selected !== null) {
        const index = ids.indexOf(selected);
        if (index >= 0) {
          context.strokeStyle = '#000';
          context.lineWidth = 1;
          context.strokeRect(
            (index % columns) * pitch - 1.5,
            Math.floor(index / columns) * pitch - 1.5,
            cell + 3,
            cell + 3,
          );
        }
      }
      record('draw', performance.now() - started, agents.size);
    });
    return () => cancelAnimationFrame(frame);
  }, [agents, version, columns, rows, search, selected, pitch, cell]);

  const agentAt = (clientX: number, clientY: number): AgentState | null => {
    const canvas = canvasRef.current;
    if (canvas === null) {
      return null;
    }
    const rect = canvas.getBoundingClientRect();
    const column = Math.floor((clientX - rect.left) / pitch);
    const row = Math.floor((clientY - rect.top) / pitch);
    if (column < 0 || column >= columns || row < 0) {
      return null;
    }
    const id = idsRef.current[row * columns + column];
    return id === undefined ? null : (agents.get(id) ?? null);
  };

  return (
    <div ref={boxRef} className="grid-box">
      <canvas
        ref={canvasRef}
        className="grid"
        data-testid="agent-grid"
        data-agents={agents.size}
        aria-label={`${agents.size} agents, one cell each, darker for error and running; click one for its history`}
        role="img"
        onMouseMove={(event) => setHover(agentAt(event.clientX, event.clientY))}
        onMouseLeave={() => setHover(null)}
        onClick={(event) => {
          const agent = agentAt(event.clientX, event.clientY);
          if (agent !== null) {
            onSelect(agent.agent_id);
          }
        }}
      />
      <p className="hover" aria-live="off">
        {hover === null ? '\u00a0' : `${hover.agent_id} — ${hover.status}`}
      </p>
    </div>
  );
}
