// Statuses as shades of grey only: the darker, the more it asks for attention.

const SHADES: Readonly<Record<string, number>> = {
  error: 0x00,
  terminated: 0x40,
  running: 0x55,
  starting: 0x77,
  waiting: 0x99,
  paused: 0xaa,
  completed: 0xc4,
  idle: 0xdd,
};

/** Any status not listed above. */
const OTHER = 0x88;

/** The grey level (0 black – 255 white) of a status. */
export function shadeOf(status: string): number {
  return SHADES[status] ?? OTHER;
}

/** A grey level faded toward white, for agents that do not match a search. */
export function faded(level: number): number {
  return Math.round(level + (255 - level) * 0.8);
}

export function cssGrey(level: number): string {
  const hex = level.toString(16).padStart(2, '0');
  return `#${hex}${hex}${hex}`;
}
