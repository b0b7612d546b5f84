import type { RunSummary, SystemSummary } from '../simulation/result.ts';
import { limitedByText, type Bottleneck } from '../simulation/utilisation.ts';

type Row = [label: string, value: (s: SystemSummary) => string];

const count = (n: number | undefined) => (n === undefined ? '–' : Math.round(n).toLocaleString('en-US'));
const dollars = (n: number | undefined) => (n === undefined ? '–' : `$${n.toFixed(2)}`);
const ms = (n: number | undefined) => (n === undefined ? '–' : `${n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US')} ms`);

function sumConsumers(s: SystemSummary, key: 'delivered' | 'duplicates' | 'expired' | 'backlog'): number {
  return Object.values(s.consumers).reduce((acc, c) => acc + c[key], 0);
}

/** The largest of the values that exist; undefined (shown as –) when none does, never a made-up zero. */
function worst(values: (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return present.length > 0 ? Math.max(...present) : undefined;
}

const ROWS: Row[] = [
  ['records offered', (s) => count(s.records.offered)],
  ['accepted', (s) => count(s.records.accepted)],
  ['rejected', (s) => count(s.records.rejected)],
  ['pending at end', (s) => count(s.records.pending)],
  ['lost by failures', (s) => count(s.records.lost)],
  ['delivered (all apps)', (s) => count(sumConsumers(s, 'delivered'))],
  ['duplicates', (s) => count(sumConsumers(s, 'duplicates'))],
  ['expired unread', (s) => count(sumConsumers(s, 'expired'))],
  ['throttled', (s) => count(Object.values(s.throttled).reduce((a, b) => a + b, 0))],
  ['latency p99 (worst app)', (s) => ms(worst(Object.values(s.consumers).map((c) => c.latencyMs?.p99)))],
  ['max lag (worst app)', (s) => ms(worst(Object.values(s.consumers).map((c) => c.lagMaxMs)))],
  ['cost, this run', (s) => dollars(s.cost.total)],
  ['cost per month', (s) => dollars(s.cost.perMonth)],
  ['cost per million records', (s) => dollars(s.cost.perMillionRecords)],
];

/** The short side-by-side table printed after a run. */
export function summaryTable(summary: RunSummary): string {
  const systems = Object.entries(summary.systems) as [string, SystemSummary][];
  if (systems.length === 0) {
    const lines = Object.entries(summary.workload.producers).map(
      ([name, p]) => `  ${name}: ${count(p.offeredRecords)} records offered (${count(p.offeredBytes)} bytes)`,
    );
    return ['workload only (no systems configured):', ...lines].join('\n');
  }
  const table = [['', ...systems.map(([name]) => name)], ...ROWS.map(([label, value]) => [label, ...systems.map(([, s]) => value(s))])];
  const widths = table[0].map((_, col) => Math.max(...table.map((row) => row[col].length)));
  const lines = table.map((row) => row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('   '));
  // What capped each system: too long for a table cell, so one line per system below it.
  for (const [name, s] of systems) lines.push(`${name}: ${limitedByText(s.bottlenecks as Bottleneck[] | undefined)}`);
  return lines.join('\n');
}
