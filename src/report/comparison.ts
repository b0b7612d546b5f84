import type { RunSummary, SystemSummary } from '../simulation/result.ts';
import { formatCount, formatDollars, formatMillis } from './format.ts';
import { limitedByText, type Bottleneck } from '../simulation/utilisation.ts';

/** Which way a metric gets worse; `neutral` rows (records offered) are never marked. */
type Worse = 'higher' | 'lower' | 'neutral';

export interface ComparisonCell {
  /** Absent where the metric does not apply to the system (shown as "–"). */
  value?: number;
  text: string;
  /** The worse value of its row, when the systems differ. */
  worse: boolean;
}

export interface ComparisonRow {
  section: string;
  label: string;
  cells: ComparisonCell[];
}

export interface Comparison {
  systems: string[];
  rows: ComparisonRow[];
}

interface Metric {
  section: string;
  label: string;
  worse: Worse;
  format: (n: number) => string;
  value: (s: SystemSummary) => number | undefined;
}

const consumers = (s: SystemSummary) => Object.values(s.consumers);
const sumApps = (s: SystemSummary, key: 'delivered' | 'duplicates' | 'expired') => consumers(s).reduce((acc, c) => acc + c[key], 0);

/** The worst application's value; undefined if no application has one. */
function worstApp(s: SystemSummary, pick: (c: SystemSummary['consumers'][string]) => number | undefined): number | undefined {
  const values = consumers(s).map(pick).filter((v): v is number => v !== undefined);
  return values.length > 0 ? Math.max(...values) : undefined;
}

const RECORDS: Metric[] = [
  { section: 'records', label: 'records offered', worse: 'neutral', format: formatCount, value: (s) => s.records.offered },
  { section: 'records', label: 'accepted', worse: 'lower', format: formatCount, value: (s) => s.records.accepted },
  { section: 'records', label: 'rejected', worse: 'higher', format: formatCount, value: (s) => s.records.rejected },
  { section: 'records', label: 'pending at end', worse: 'higher', format: formatCount, value: (s) => s.records.pending },
  { section: 'records', label: 'lost by failures', worse: 'higher', format: formatCount, value: (s) => s.records.lost },
  { section: 'records', label: 'delivered (all apps)', worse: 'lower', format: formatCount, value: (s) => sumApps(s, 'delivered') },
  { section: 'records', label: 'expired unread (all apps)', worse: 'higher', format: formatCount, value: (s) => sumApps(s, 'expired') },
  { section: 'records', label: 'duplicates (all apps)', worse: 'higher', format: formatCount, value: (s) => sumApps(s, 'duplicates') },
];

const LATENCY: Metric[] = [
  { section: 'latency', label: 'latency p50 (worst app)', worse: 'higher', format: formatMillis, value: (s) => worstApp(s, (c) => c.latencyMs?.p50) },
  { section: 'latency', label: 'latency p99 (worst app)', worse: 'higher', format: formatMillis, value: (s) => worstApp(s, (c) => c.latencyMs?.p99) },
  { section: 'latency', label: 'latency p99.9 (worst app)', worse: 'higher', format: formatMillis, value: (s) => worstApp(s, (c) => c.latencyMs?.p999) },
  { section: 'latency', label: 'max lag (worst app)', worse: 'higher', format: formatMillis, value: (s) => worstApp(s, (c) => c.lagMaxMs) },
];

const COST: Metric[] = [
  { section: 'cost', label: 'cost, this run', worse: 'higher', format: formatDollars, value: (s) => s.cost.total },
  { section: 'cost', label: 'cost per month (730 h)', worse: 'higher', format: formatDollars, value: (s) => s.cost.perMonth },
  { section: 'cost', label: 'cost per million records', worse: 'higher', format: formatDollars, value: (s) => s.cost.perMillionRecords },
  { section: 'cost', label: 'cost per GB', worse: 'higher', format: formatDollars, value: (s) => s.cost.perGB },
];

/** One row per throttling kind any system reports, by the name the real system gives it. */
function throttlingMetrics(systems: SystemSummary[]): Metric[] {
  const kinds: string[] = [];
  for (const s of systems) for (const kind of Object.keys(s.throttled)) if (!kinds.includes(kind)) kinds.push(kind);
  if (kinds.length === 0) return [{ section: 'throttling', label: 'throttled', worse: 'higher', format: formatCount, value: () => 0 }];
  return kinds.map((kind) => ({ section: 'throttling', label: `throttled: ${kind}`, worse: 'higher', format: formatCount, value: (s) => s.throttled[kind] }));
}

function row(metric: Metric, systems: SystemSummary[]): ComparisonRow {
  const values = systems.map(metric.value);
  const defined = values.filter((v): v is number => v !== undefined);
  const worst = metric.worse === 'higher' ? Math.max(...defined) : Math.min(...defined);
  const differ = defined.length >= 2 && defined.some((v) => v !== defined[0]);
  return {
    section: metric.section,
    label: metric.label,
    cells: values.map((value) => ({
      ...(value === undefined ? {} : { value }),
      text: value === undefined ? '–' : metric.format(value),
      worse: metric.worse !== 'neutral' && differ && value === worst,
    })),
  };
}

/** The side-by-side table of the systems in a run; no rows when the run had no systems. */
export function compareSystems(summary: RunSummary): Comparison {
  const entries = Object.entries(summary.systems).filter((e): e is [string, SystemSummary] => e[1] !== undefined);
  const systems = entries.map(([, s]) => s);
  if (systems.length === 0) return { systems: [], rows: [] };
  const metrics = [...RECORDS, ...throttlingMetrics(systems), ...LATENCY, ...COST];
  const saturation: ComparisonRow = {
    section: 'saturation',
    label: 'what caps throughput',
    cells: systems.map((s) => ({ text: limitedByText(s.bottlenecks as Bottleneck[] | undefined), worse: false })),
  };
  return { systems: entries.map(([name]) => name), rows: [...metrics.map((m) => row(m, systems)), saturation] };
}
