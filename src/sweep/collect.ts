import { formatNumber } from '../output/csv.ts';
import { toSeconds } from '../engine/time.ts';
import type { OutputFile } from '../output/write.ts';
import { readRunOutcome } from './folder.ts';
import { systemMetrics, metricColumns } from './metrics.ts';
import { meanWithInterval } from './stats.ts';
import { findKnees } from './knee.ts';
import { renderSweepHtml, renderSweepMarkdown } from './report/index.ts';
import type { PlannedRun, SweepPlan } from './plan.ts';
import type { MetricStat, SweepPoint, SweepResult } from './sweep-result.ts';

/** One row of sweep.csv: a run and a system, with its metrics or the run's error. */
interface RunRow {
  run: PlannedRun;
  system: string;
  metrics: Map<string, number>;
  error?: string;
}

export interface CollectedSweep {
  result: SweepResult;
  /** sweep.csv: one row per run and system. */
  runsCsv: string;
  /** sweep-summary.csv: one row per point and system, mean and 95 % interval of each metric. */
  summaryCsv: string;
  /** Runs that failed or have not run, in plan order. */
  incomplete: { runId: string; error: string }[];
}

/** Message of a run that has neither a summary nor an error yet. */
export const NOT_RUN = 'not run yet';

/**
 * Merges the runs of a sweep folder, in plan order, so the outputs are the same bytes whatever
 * ran where and in what order. A run that failed (or has not run) keeps its rows, with the error.
 */
export function collectSweep(dir: string, plan: SweepPlan): CollectedSweep {
  const rows: RunRow[] = [];
  const incomplete: CollectedSweep['incomplete'] = [];
  for (const run of plan.runs) {
    const outcome = readRunOutcome(dir, run.runId);
    const systems = plan.points[run.point].systems;
    if ('summary' in outcome) {
      for (const system of systems) rows.push({ run, system, metrics: systemMetrics(outcome.summary, outcome.summary.systems[system]!) });
    } else {
      const error = 'error' in outcome ? outcome.error : NOT_RUN;
      incomplete.push({ runId: run.runId, error });
      for (const system of systems) rows.push({ run, system, metrics: new Map(), error });
    }
  }
  const metrics = metricColumns(rows.map((r) => r.metrics));
  const result = sweepResult(plan, rows, metrics, incomplete.length);
  return { result, runsCsv: runsCsv(plan, rows, metrics), summaryCsv: summaryCsv(plan, result, metrics), incomplete };
}

/** The files of `sweep collect`: the two tables, sweep.html, and with `md` the Markdown report. */
export async function sweepOutputs(collected: CollectedSweep, formats: readonly ('html' | 'md')[] = ['html']): Promise<OutputFile[]> {
  const files: OutputFile[] = [
    { name: 'sweep.csv', content: collected.runsCsv },
    { name: 'sweep-summary.csv', content: collected.summaryCsv },
    { name: 'sweep.html', content: renderSweepHtml(collected.result) },
  ];
  if (formats.includes('md')) files.push(...(await renderSweepMarkdown(collected.result)));
  return files;
}

function sweepResult(plan: SweepPlan, rows: RunRow[], metrics: string[], failedRuns: number): SweepResult {
  const { definition } = plan;
  const axes = definition.axes.map(({ overrides: _overrides, ...axis }) => axis);
  const points: SweepPoint[] = plan.points.flatMap((point) =>
    point.systems.map((system) => {
      const mine = rows.filter((r) => r.run.point === point.index && r.system === system);
      const ok = mine.filter((r) => r.error === undefined);
      const stats: Record<string, MetricStat> = {};
      for (const name of metrics) {
        const values = ok.map((r) => r.metrics.get(name)).filter((v): v is number => v !== undefined);
        if (values.length > 0) stats[name] = meanWithInterval(values);
      }
      return { system, params: point.params, metrics: stats, failed: mine.length - ok.length };
    }),
  );
  const first = plan.points[0].scenario;
  return {
    name: first.name,
    ...(first.description ? { description: first.description } : {}),
    durationSeconds: toSeconds(first.duration),
    axes,
    combine: definition.combine,
    ...(definition.knee ? { knee: definition.knee } : {}),
    points,
    knees: findKnees(axes, points, definition.knee),
    runs: { total: plan.runs.length, failed: failedRuns },
  };
}

const quote = (field: string): string => (/[",\n\r]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
const cell = (value: number | string | undefined): string => (typeof value === 'string' ? quote(value) : formatNumber(value));

function runsCsv(plan: SweepPlan, rows: RunRow[], metrics: string[]): string {
  const paths = plan.definition.axes.map((a) => a.path);
  const lines = [['runId', 'replication', 'seed', 'system', ...paths, ...metrics, 'error'].map(quote).join(',')];
  for (const { run, system, metrics: values, error } of rows) {
    lines.push([run.runId, run.replication, run.seed, system, ...paths.map((p) => run.params[p]), ...metrics.map((m) => values.get(m)), error ?? ''].map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}

function summaryCsv(plan: SweepPlan, result: SweepResult, metrics: string[]): string {
  const paths = plan.definition.axes.map((a) => a.path);
  const header = ['system', ...paths, 'replications', 'failed', ...metrics.flatMap((m) => [`${m}.mean`, `${m}.low`, `${m}.high`])];
  const lines = [header.map(quote).join(',')];
  for (const point of result.points) {
    const n = Math.max(0, ...Object.values(point.metrics).map((s) => s.n));
    const stats = metrics.flatMap((m) => {
      const s = point.metrics[m];
      return s ? [s.mean, s.low, s.high] : [undefined, undefined, undefined];
    });
    lines.push([point.system, ...paths.map((p) => point.params[p]), n, point.failed, ...stats].map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}
