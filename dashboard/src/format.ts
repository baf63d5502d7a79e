const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export const formatCount = (n: number): string => integer.format(n);

export const formatRate = (n: number | null | undefined): string =>
  n == null || !Number.isFinite(n) ? '–' : n < 10 ? decimal.format(n) : integer.format(n);

/** 12:34:56.789 in local time; the text itself when it is not a date. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) {
    return '–';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** "3 s ago", "2 min ago". */
export function formatAge(iso: string | null | undefined, now: number): string {
  if (!iso) {
    return '–';
  }
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(seconds)) {
    return iso;
  }
  return seconds < 120 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`;
}

export function formatMetadata(metadata: Readonly<Record<string, unknown>> | null | undefined): string {
  if (metadata == null || Object.keys(metadata).length === 0) {
    return '';
  }
  return JSON.stringify(metadata);
}
