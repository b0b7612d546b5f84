import type { SystemName } from '../scenario/schema.ts';
import { formatDuration } from '../engine/time.ts';
import { formatSize } from '../scenario/units.ts';
import type { Knee, KneeThresholds, MetricStat, SweepAxis, SweepPoint } from './sweep-result.ts';

/** Accepted throughput below this share of offered marks a system that no longer keeps up (default of `knee.acceptedShare`). */
export const DEFAULT_ACCEPTED_SHARE = 0.99;

/**
 * The counter whose start marks throttled writes: Kinesis's per-shard write limit
 * (WriteProvisionedThroughputExceeded, as CloudWatch names it) and Kafka's produce quota, which
 * delays rather than rejects (produce requests throttled).
 */
export const WRITE_THROTTLE_METRIC: Record<SystemName, string> = {
  kinesis: 'throttled.WriteProvisionedThroughputExceeded',
  kafka: 'throttled.produceRequestsThrottled',
};

const SYSTEM_LABELS: Record<SystemName, string> = { kinesis: 'Kinesis', kafka: 'Kafka' };

/**
 * Each system's knee on each curve along the load axis (the first varied path, when its values are
 * numbers): one curve per system and per combination of the other paths' values. Between two points
 * a condition is placed by linear interpolation, on a log scale for a log axis.
 */
export function findKnees(axes: SweepAxis[], points: SweepPoint[], thresholds: KneeThresholds = {}): Knee[] {
  const axis = axes[0];
  if (!axis || !axis.values.every((v) => typeof v === 'number')) return [];
  const curves = new Map<string, SweepPoint[]>();
  for (const point of points) {
    if (Object.keys(point.metrics).length === 0) continue;
    const fixed = axes.slice(1).map((a) => point.params[a.path]);
    const key = JSON.stringify([point.system, fixed]);
    curves.set(key, [...(curves.get(key) ?? []), point]);
  }
  return [...curves.values()].map((curve) => kneeOfCurve(axis, axes.slice(1), curve, thresholds));
}

function kneeOfCurve(axis: SweepAxis, others: SweepAxis[], curve: SweepPoint[], thresholds: KneeThresholds): Knee {
  const sorted = [...curve].sort((a, b) => (a.params[axis.path] as number) - (b.params[axis.path] as number));
  const xs = sorted.map((p) => p.params[axis.path] as number);
  const log = axis.scale === 'log';
  const system = sorted[0].system;
  const mean = (p: SweepPoint, name: string): number | undefined => p.metrics[name]?.mean;
  const share = thresholds.acceptedShare ?? DEFAULT_ACCEPTED_SHARE;

  // Throttled writes per second grow with the excess over a limit: a straight line to extend down to its start.
  const seconds = (p: SweepPoint) => (mean(p, 'records.offered') ?? 0) / Math.max(1e-9, mean(p, 'records.offeredPerSec') ?? 0) || 1;
  const throttled = sorted.map((p) => (mean(p, WRITE_THROTTLE_METRIC[system]) ?? 0) / seconds(p));
  const accepted = sorted.map((p) => (mean(p, 'records.accepted') ?? 0) / Math.max(1, mean(p, 'records.offered') ?? 0));
  const worstP99 = sorted.map((p) => worstLatency(p.metrics));
  const knee: Knee = {
    system,
    axis: axis.path,
    fixed: Object.fromEntries(others.map((a) => [a.path, sorted[0].params[a.path]])),
    throttlingStartsAt: onset(xs, throttled, log),
    acceptedBelowShareFrom: crossing(xs, accepted, share, 'below', log),
    text: '',
  };
  if (thresholds.p99LatencyMs !== undefined && worstP99.every((v) => v !== undefined)) {
    knee.latencyAboveFrom = crossing(xs, worstP99 as number[], thresholds.p99LatencyMs, 'above', log);
  }
  for (const key of ['throttlingStartsAt', 'acceptedBelowShareFrom', 'latencyAboveFrom'] as const) if (knee[key] === undefined) delete knee[key];
  knee.text = kneeText(knee, axis, others, xs, { share, p99LatencyMs: thresholds.p99LatencyMs });
  return knee;
}

/** The highest p99 latency of the consumer applications, or undefined without consumers. */
function worstLatency(metrics: Record<string, MetricStat>): number | undefined {
  const p99s = Object.entries(metrics)
    .filter(([name]) => /^consumers\..+\.latencyMs\.p99$/.test(name))
    .map(([, stat]) => stat.mean);
  return p99s.length > 0 ? Math.max(...p99s) : undefined;
}

const toAxis = (x: number, log: boolean) => (log ? Math.log(x) : x);
const fromAxis = (u: number, log: boolean) => (log ? Math.exp(u) : u);

/**
 * Where a count that is zero at low load starts to grow: the line through the first two points where
 * it is positive, extended down to zero (the start of a rising curve, as when throttled writes grow
 * with the excess over a limit), kept between the last point without it and the first with it. With a
 * single point past the start, the middle of that interval. At the first point already: that point.
 */
export function onset(xs: number[], ys: number[], log = false): number | undefined {
  const i = ys.findIndex((y) => y > 0);
  if (i < 0) return undefined;
  if (i === 0) return xs[0];
  const [u0, u1] = [toAxis(xs[i - 1], log), toAxis(xs[i], log)];
  if (i + 1 < ys.length && ys[i + 1] > ys[i]) {
    const u2 = toAxis(xs[i + 1], log);
    const zero = u1 - ys[i] * ((u2 - u1) / (ys[i + 1] - ys[i]));
    return fromAxis(Math.min(u1, Math.max(u0, zero)), log);
  }
  return fromAxis((u0 + u1) / 2, log);
}

/** Where `ys` first goes below (or above) `threshold`, interpolated between the two points around it. */
export function crossing(xs: number[], ys: number[], threshold: number, direction: 'below' | 'above', log = false): number | undefined {
  const past = (y: number) => (direction === 'below' ? y < threshold : y > threshold);
  const i = ys.findIndex(past);
  if (i < 0) return undefined;
  if (i === 0) return xs[0];
  const [u0, u1] = [toAxis(xs[i - 1], log), toAxis(xs[i], log)];
  const f = (threshold - ys[i - 1]) / (ys[i] - ys[i - 1]);
  return fromAxis(u0 + f * (u1 - u0), log);
}

/** A value of an axis in words: `3,400 records/s`, `1MB/s`, `2KB`, `5m`, or as written. */
export function formatAxisValue(value: number | string, unit?: string): string {
  if (typeof value === 'string') return value;
  const round = (v: number) => Number(v.toPrecision(v >= 100 ? Math.max(3, Math.ceil(Math.log10(v)) - 1) : 3));
  switch (unit) {
    case 'records/s':
      return `${round(value).toLocaleString('en-US')} records/s`;
    case 'bytes/s':
      return `${formatSize(Math.round(value))}/s`;
    case 'bytes':
      return formatSize(Math.round(value));
    case 'duration':
      return formatDuration(Math.round(value));
    case 'items':
      return `${round(value).toLocaleString('en-US')} items`;
    default:
      return round(value).toLocaleString('en-US');
  }
}

function kneeText(knee: Knee, axis: SweepAxis, others: SweepAxis[], xs: number[], t: { share: number; p99LatencyMs?: number }): string {
  const fixed = others.map((a) => `${a.path} = ${formatAxisValue(knee.fixed[a.path], a.unit)}`);
  const who = [SYSTEM_LABELS[knee.system], ...fixed].join(', ');
  // At the lowest load already: the condition may start below the range.
  const at = (word: string, x: number) => (x === xs[0] ? `already at the lowest load, ${formatAxisValue(x, axis.unit)}` : `${word} ${formatAxisValue(x, axis.unit)}`);
  const parts: string[] = [];
  if (knee.throttlingStartsAt !== undefined) parts.push(`throttling starts ${at('at', knee.throttlingStartsAt)}`);
  if (knee.acceptedBelowShareFrom !== undefined) parts.push(`accepted below ${Number((t.share * 100).toPrecision(4))} % of offered ${at('from', knee.acceptedBelowShareFrom)}`);
  if (knee.latencyAboveFrom !== undefined) parts.push(`p99 latency above ${t.p99LatencyMs!.toLocaleString('en-US')} ms ${at('from', knee.latencyAboveFrom)}`);
  if (parts.length === 0) return `${who}: keeps up over the whole range, up to ${formatAxisValue(xs[xs.length - 1], axis.unit)}`;
  return `${who}: ${parts.join('; ')}`;
}
