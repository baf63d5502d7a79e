// Costs measured in the page, for the end-to-end test and for anyone curious
// (window.beaconPerf in the browser's console). Bounded: the last SAMPLES of each.

const SAMPLES = 2000;

export type PerfKind = 'update' | 'draw';

export interface PerfSample {
  /** performance.now() when it ended. */
  readonly at: number;
  readonly ms: number;
  /** update: frames applied at once; draw: agents drawn. */
  readonly size: number;
}

const samples: Record<PerfKind, PerfSample[]> = { update: [], draw: [] };

export function record(kind: PerfKind, ms: number, size: number): void {
  const list = samples[kind];
  list.push({ at: performance.now(), ms, size });
  if (list.length > SAMPLES) {
    list.splice(0, list.length - SAMPLES);
  }
}

export const beaconPerf = {
  samples: (kind: PerfKind): readonly PerfSample[] => samples[kind].slice(),
  clear: (): void => {
    samples.update.length = 0;
    samples.draw.length = 0;
  },
};

declare global {
  interface Window {
    beaconPerf?: typeof beaconPerf;
  }
}
