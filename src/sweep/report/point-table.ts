import type { SweepResult } from '../sweep-result.ts';

/**
 * A sweep without `vary` is one point (a scenario and its replications): there is no load to draw
 * curves against, so the report gives each metric's mean and 95 % interval per system instead.
 */
export interface PointTable {
  columns: string[];
  rows: string[][];
}

export function pointTable(result: SweepResult): PointTable {
  const systems = result.points.filter((p) => Object.keys(p.metrics).length > 0);
  const metrics: string[] = [];
  for (const p of systems) for (const name of Object.keys(p.metrics)) if (!metrics.includes(name)) metrics.push(name);
  const rows = metrics.map((name) => [
    name,
    ...systems.map((p) => {
      const stat = p.metrics[name];
      if (!stat) return '–';
      return stat.n > 1 && stat.low !== stat.high ? `${number(stat.mean)} (${number(stat.low)} to ${number(stat.high)})` : number(stat.mean);
    }),
  ]);
  return { columns: ['metric', ...systems.map((p) => p.system)], rows };
}

const number = (n: number) => n.toLocaleString('en-US', { maximumSignificantDigits: 4 });
