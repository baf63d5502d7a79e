/** An SVG polyline's points for values (nulls skipped) scaled into width × height, 0 at the bottom. */
export function sparklinePoints(values: readonly (number | null)[], width: number, height: number): string {
  const max = Math.max(1, ...values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const points: string[] = [];
  values.forEach((value, i) => {
    if (value !== null && Number.isFinite(value)) {
      const y = height - (Math.max(0, value) / max) * (height - 1) - 0.5;
      points.push(`${round(i * step)},${round(y)}`);
    }
  });
  return points.join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;
