import type { RunSummary, SystemSummary } from '../simulation/result.ts';

/**
 * The metrics of one system in one run, named by their summary.json paths (the columns of
 * sweep.csv): record counts, offered and accepted rates per second, every throttle counter,
 * each consumer application's p50/p99 latency and maximum lag, and cost per month and per GB.
 */
export function systemMetrics(summary: RunSummary, system: SystemSummary): Map<string, number> {
  const metrics = new Map<string, number>();
  const put = (name: string, value: number | undefined) => {
    if (value !== undefined && Number.isFinite(value)) metrics.set(name, value);
  };
  const { records } = system;
  put('records.offered', records.offered);
  put('records.accepted', records.accepted);
  put('records.rejected', records.rejected);
  put('records.lost', records.lost);
  put('records.offeredPerSec', records.offered / summary.durationSeconds);
  put('records.acceptedPerSec', records.accepted / summary.durationSeconds);
  for (const [name, count] of Object.entries(system.throttled)) put(`throttled.${name}`, count);
  for (const [app, consumer] of Object.entries(system.consumers)) {
    put(`consumers.${app}.latencyMs.p50`, consumer.latencyMs?.p50);
    put(`consumers.${app}.latencyMs.p99`, consumer.latencyMs?.p99);
    put(`consumers.${app}.lagMaxMs`, consumer.lagMaxMs);
  }
  put('cost.perMonth', system.cost.perMonth);
  put('cost.perGB', system.cost.perGB);
  return metrics;
}

const GROUPS = ['records.', 'throttled.', 'consumers.', 'cost.'];

/**
 * Every metric name seen, in a stable order: records, throttles, consumers, cost, each group in the
 * order first seen. The caller passes runs in plan order, so the columns do not depend on which
 * runs finished first or where they ran.
 */
export function metricColumns(all: Iterable<Map<string, number>>): string[] {
  const seen = new Set<string>();
  for (const metrics of all) for (const name of metrics.keys()) seen.add(name);
  const names = [...seen];
  return GROUPS.flatMap((prefix) => names.filter((n) => n.startsWith(prefix)));
}
