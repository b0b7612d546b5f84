import type { RunResult, SystemSummary } from '../../../src/index.ts';
import type { Bottleneck } from '../../../src/simulation/utilisation.ts';

/** Mean of a per-interval column after the first second (the sustained rate once queues have filled), per second. */
export function sustainedPerSecond(result: RunResult, column: string): number {
  const i = result.series.columns.indexOf(column);
  if (i < 0) throw new Error(`no column ${column}`);
  const rows = result.series.rows.filter((row) => (row[0] as number) > 1);
  const seconds = result.summary.sampleIntervalSeconds * rows.length;
  return rows.reduce((acc, row) => acc + (row[i] ?? 0), 0) / seconds;
}

export function bottlenecks(system: SystemSummary): Bottleneck[] {
  return system.bottlenecks as Bottleneck[];
}
