import { formatSeconds } from '../../report/format.ts';
import type { SweepAxis, SweepResult } from '../sweep-result.ts';
import { formatAxisValue } from './load-axis.ts';

/** What was varied, as the sweep file said it: `rate: 500 to 8,000 records/s, 16 steps, log`, or the listed values. */
export function describeAxis(axis: SweepAxis): string {
  const values = axis.values.map((v) => formatAxisValue(axis, v));
  if (axis.scale === 'list' || values.length < 2) return `${axis.path}: ${values.join(', ')}`;
  return `${axis.path}: ${values[0]} to ${values[values.length - 1]}, ${values.length} steps, ${axis.scale}`;
}

/** The most replications any point's statistics rest on, counting the failed ones. */
export function replications(result: SweepResult): number {
  let most = 0;
  for (const p of result.points) most = Math.max(most, p.failed + Math.max(0, ...Object.values(p.metrics).map((m) => m.n)));
  return most;
}

/** The header facts, as plain text pairs. */
export function sweepFacts(result: SweepResult): [string, string][] {
  const systems = [...new Set(result.points.map((p) => p.system))];
  const facts: [string, string][] = [
    ['systems', systems.length > 0 ? systems.join(' and ') : 'none'],
    ['each run', `${formatSeconds(result.durationSeconds)} simulated`],
    ['replications per point', String(replications(result))],
    ['runs', result.runs.failed > 0 ? `${result.runs.total.toLocaleString('en-US')}, ${result.runs.failed.toLocaleString('en-US')} failed` : result.runs.total.toLocaleString('en-US')],
  ];
  if (result.axes.length > 1) facts.push(['combined', result.combine === 'grid' ? 'grid (every combination)' : 'zip (the values side by side)']);
  return facts;
}

/** Points where some replications failed: `kinesis at rate 8,000 records/s: 1 of 3 replications failed`. */
export function failureLines(result: SweepResult): string[] {
  return result.points
    .filter((p) => p.failed > 0)
    .map((p) => {
      const where = result.axes.map((a) => `${a.path} = ${formatAxisValue(a, p.params[a.path])}`).join(', ');
      const ran = p.failed + Math.max(0, ...Object.values(p.metrics).map((m) => m.n));
      return `${p.system}${where ? ` at ${where}` : ''}: ${p.failed} of ${ran} replications failed`;
    });
}
