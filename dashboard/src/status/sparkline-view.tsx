import { sparklinePoints } from './sparkline';

export function Sparkline({
  values,
  label,
  width = 160,
  height = 24,
}: {
  values: readonly (number | null)[];
  label: string;
  width?: number;
  height?: number;
}) {
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      <line x1="0" y1={height - 0.5} x2={width} y2={height - 0.5} stroke="#ddd" />
      <polyline points={sparklinePoints(values, width, height)} fill="none" stroke="#000" strokeWidth="1" />
    </svg>
  );
}
