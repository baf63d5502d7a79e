import { type ReactNode, useState } from 'react';

interface VirtualListProps<T> {
  readonly items: readonly T[];
  readonly rowHeight: number;
  /** Height of the scrolling box, px. */
  readonly height: number;
  readonly itemKey: (item: T) => string;
  readonly renderRow: (item: T) => ReactNode;
  /** Rows rendered beyond the visible ones, above and below. */
  readonly overscan?: number;
  readonly label: string;
}

/** Fixed-height rows; only those in view (and a few more) are in the DOM. */
export function VirtualList<T>({
  items,
  rowHeight,
  height,
  itemKey,
  renderRow,
  overscan = 10,
  label,
}: VirtualListProps<T>) {
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i] as T;
    rows.push(
      <div key={itemKey(item)} className="vrow" role="row" style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(item)}
      </div>,
    );
  }
  return (
    <div
      className="vlist"
      role="table"
      aria-label={label}
      aria-rowcount={items.length}
      style={{ height }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div style={{ height: items.length * rowHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
