import type { SystemName } from '../../scenario/schema.ts';
import { SYSTEM_COLOURS } from '../../report/chart-parts.ts';
import type { Knee, MetricStat, SweepAxis, SweepPoint, SweepResult } from '../sweep-result.ts';
import { DEFAULT_ACCEPTED_SHARE } from '../knee.ts';
import { formatAxisValue, shortName } from './load-axis.ts';

/**
 * One curve of the sweep charts: a system at fixed values of every axis but the load axis, with
 * its points in the load axis's plan order.
 */
export interface Curve {
  system: SystemName;
  /** The values of the other axes on this curve (empty for a one-parameter or a zipped sweep). */
  fixed: Record<string, number | string>;
  /** Legend text: `kinesis`, or `kinesis, shards 4` when other axes vary. */
  label: string;
  colour: string;
  points: SweepPoint[];
  knee?: Knee;
  /** The other axes this system's results do not depend on (its curves were all the same, so they are one). */
  sameAcross?: string[];
}

/** The sweep as the charts see it: the load axis (the first in `vary`), the axes that split curves, and the curves. */
export interface SweepView {
  result: SweepResult;
  load: SweepAxis;
  /** The axes that make separate curves: all but the load axis in a grid, none when zipped (they move with the load). */
  curveAxes: SweepAxis[];
  systems: SystemName[];
  curves: Curve[];
}

/** A hex colour mixed toward white (t < 0) or black (t > 0) by |t|. */
export function shade(hex: string, t: number): string {
  const target = t < 0 ? 255 : 0;
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
    return Math.round(c + (target - c) * Math.abs(t))
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

/** The system's colour for its only curve; light to dark shades of it, in plan order, for several. */
function curveColour(system: string, index: number, count: number): string {
  const base = SYSTEM_COLOURS[system] ?? '#111827';
  return count === 1 ? base : shade(base, -0.55 + (0.9 * index) / (count - 1));
}

/** What a point measured, whatever its parameters: equal for points that the parameters did not affect. */
const outcome = (p: SweepPoint) => ({ metrics: p.metrics, failed: p.failed });

const sameValue = (a: number | string | undefined, b: number | string | undefined) => a !== undefined && b !== undefined && String(a) === String(b);

export function buildView(result: SweepResult): SweepView {
  const [load, ...others] = result.axes;
  const curveAxes = result.combine === 'grid' ? others : [];
  const systems: SystemName[] = [];
  for (const p of result.points) if (!systems.includes(p.system)) systems.push(p.system);
  const curves: Curve[] = [];
  for (const system of systems) {
    const own = result.points.filter((p) => p.system === system);
    const groups = new Map<string, SweepPoint[]>();
    for (const p of own) {
      const key = JSON.stringify(curveAxes.map((a) => String(p.params[a.path])));
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    const byLoad = (points: SweepPoint[]) => [...points].sort((a, b) => order(load, a.params[load.path]) - order(load, b.params[load.path]));
    // Curves in the plan order of the other axes' values, points in the plan order of the load.
    const order = (axis: SweepAxis, v: number | string | undefined) => axis.values.findIndex((x) => sameValue(x, v));
    const sorted = [...groups.values()].sort((a, b) => {
      for (const axis of curveAxes) {
        const d = order(axis, a[0].params[axis.path]) - order(axis, b[0].params[axis.path]);
        if (d !== 0) return d;
      }
      return 0;
    });
    // A system that none of the other axes touch (Kafka when the shards of Kinesis vary) gives the
    // same results on each of its curves: one curve says it without drawing the same line again.
    const same = sorted.length > 1 && sorted.every((points) => JSON.stringify(points.map(outcome)) === JSON.stringify(sorted[0].map(outcome)));
    if (same) {
      const points = sorted[0];
      const knee = result.knees.find((k) => k.system === system && curveAxes.every((a) => sameValue(k.fixed[a.path], points[0].params[a.path])));
      curves.push({ system, fixed: {}, label: system, colour: curveColour(system, 0, 1), points: byLoad(points), sameAcross: curveAxes.map((a) => a.path), ...(knee ? { knee } : {}) });
      continue;
    }
    sorted.forEach((points, i) => {
      const fixed = Object.fromEntries(curveAxes.map((a) => [a.path, points[0].params[a.path]]));
      const label = [system, ...curveAxes.map((a) => `${shortName(a.path)} ${formatAxisValue(a, fixed[a.path])}`)].join(', ');
      const knee = result.knees.find((k) => k.system === system && curveAxes.every((a) => sameValue(k.fixed[a.path], fixed[a.path])));
      curves.push({
        system,
        fixed,
        label,
        colour: curveColour(system, i, sorted.length),
        points: byLoad(points),
        ...(knee ? { knee } : {}),
      });
    });
  }
  return { result, load, curveAxes, systems, curves };
}

export function curveColourScale(view: SweepView) {
  return { domain: view.curves.map((c) => c.label), range: view.curves.map((c) => c.colour) };
}

/** A metric of a point, when at least one replication gave it. */
export function stat(point: SweepPoint, name: string): MetricStat | undefined {
  const s = point.metrics[name];
  return s && s.n > 0 && Number.isFinite(s.mean) ? s : undefined;
}

export function scaleStat(s: MetricStat, factor: number): MetricStat {
  return { mean: s.mean * factor, low: s.low * factor, high: s.high * factor, n: s.n };
}

/** A count over the run as a rate: a count per simulated second. */
export function perSecond(view: SweepView, point: SweepPoint, name: string): MetricStat | undefined {
  const s = stat(point, name);
  return s && scaleStat(s, 1 / view.result.durationSeconds);
}

/** Offered or accepted records per second: collect's rate column, or the count over the run's length. */
export function recordsPerSecond(view: SweepView, point: SweepPoint, kind: 'offered' | 'accepted'): MetricStat | undefined {
  return stat(point, `records.${kind}PerSec`) ?? perSecond(view, point, `records.${kind}`);
}

/** Metric names that any point has, matching `pattern`, with its first group, in order of first appearance. */
export function metricNames(view: SweepView, pattern: RegExp): { name: string; part: string }[] {
  const found = new Map<string, string>();
  for (const p of view.result.points) {
    for (const name of Object.keys(p.metrics)) {
      const m = pattern.exec(name);
      if (m && !found.has(name) && stat(p, name)) found.set(name, m[1]);
    }
  }
  return [...found].map(([name, part]) => ({ name, part }));
}

/** The consumer applications that have a metric at some point, in order of first appearance. */
export function consumerApps(view: SweepView): string[] {
  const apps: string[] = [];
  for (const { part } of metricNames(view, /^consumers\.(.+)\.(?:latencyMs\.p\d+|lagMaxMs)$/)) if (!apps.includes(part)) apps.push(part);
  return apps;
}

/** The sweep file's knee thresholds, with the default accepted share. */
export function kneeThresholds(view: SweepView): { share: number; p99LatencyMs?: number } {
  const knee = view.result.knee;
  return { share: knee?.acceptedShare ?? DEFAULT_ACCEPTED_SHARE, ...(knee?.p99LatencyMs !== undefined ? { p99LatencyMs: knee.p99LatencyMs } : {}) };
}

/** The load where a curve stops keeping up: the first of its knee's conditions to happen, and which. */
export function kneeLoad(knee: Knee, thresholds: { share: number; p99LatencyMs?: number }): { at: number; condition: string } | undefined {
  const conditions: [number | undefined, string][] = [
    [knee.throttlingStartsAt, 'throttling'],
    [knee.acceptedBelowShareFrom, `< ${Number((100 * thresholds.share).toFixed(2))} % accepted`],
    [knee.latencyAboveFrom, `p99 > ${(thresholds.p99LatencyMs ?? 0).toLocaleString('en-US')} ms`],
  ];
  let first: { at: number; condition: string } | undefined;
  for (const [at, condition] of conditions) if (at !== undefined && (first === undefined || at < first.at)) first = { at, condition };
  return first;
}
