/** Number formats shared by the HTML and Markdown reports (fixed locale: the same bytes everywhere). */

export const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US');

export function formatDollars(n: number): string {
  if (n === 0) return '$0';
  if (Math.abs(n) >= 1) return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return `$${Number(n.toPrecision(3))}`;
}

export function formatMillis(ms: number): string {
  if (ms >= 60_000) return `${(ms / 60_000).toLocaleString('en-US', { maximumFractionDigits: 1 })} min`;
  if (ms >= 10_000) return `${(ms / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s`;
  return `${ms < 10 ? Number(ms.toFixed(2)) : Math.round(ms).toLocaleString('en-US')} ms`;
}

/** A duration in seconds as the largest whole unit that fits: "30 min", "2 h", "31 days", "90 s". */
export function formatSeconds(seconds: number): string {
  const units: [number, string][] = [[86_400, 'days'], [3600, 'h'], [60, 'min'], [1, 's']];
  for (const [size, name] of units) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size} ${size === 86_400 && seconds === size ? 'day' : name}`;
  }
  return `${Number(seconds.toPrecision(4))} s`;
}
