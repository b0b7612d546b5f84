import type { SystemName } from '../../src/scenario/schema.ts';
import type { Knee, MetricStat, SweepPoint, SweepResult } from '../../src/sweep/sweep-result.ts';

/** Hand-built sweep results with round numbers, so that each test can say what it expects to see. */

export const RATE = 'workload.producers[0].rate';
export const SHARDS = 'systems.kinesis.shards';
const DURATION_SECONDS = 120;

/** A mean with a symmetric 95 % interval of ± `half` over `n` replications. */
export const ci = (mean: number, half = 0, n = 3): MetricStat => ({ mean, low: mean - half, high: mean + half, n });

/** 500 to 8,000 records/s in 9 geometric steps (×√2): 500, 707, 1,000, …, 8,000. */
export const LOG_RATES = Array.from({ length: 9 }, (_, i) => Math.round(500 * 2 ** (i / 2)));

/** Kinesis with 1,000 records/s per shard: it accepts up to `shards` × 1,000 and throttles the rest. */
function kinesisPoint(rate: number, shards: number, params: Record<string, number | string>, apps: string[]): SweepPoint {
  const capacity = shards * 1000;
  const accepted = Math.min(rate, capacity * 0.995);
  const throttled = Math.max(0, rate - capacity * 0.95) * 0.6 * DURATION_SECONDS;
  const over = rate > capacity;
  const metrics: Record<string, MetricStat> = {
    'records.offered': ci(rate * DURATION_SECONDS, rate * 0.4),
    'records.accepted': ci(accepted * DURATION_SECONDS, accepted * 0.4),
    'records.offeredPerSec': ci(rate, rate * 0.004),
    'records.acceptedPerSec': ci(accepted, accepted * 0.004),
    'throttled.WriteProvisionedThroughputExceeded': ci(throttled, throttled * 0.05),
    'throttled.ReadProvisionedThroughputExceeded': ci(0),
    'cost.perMonth': ci(shards * 10.95 + rate * 0.0365),
    'cost.perGB': ci((shards * 10.95 + rate * 0.0365) / (accepted * 2.6)),
  };
  for (const app of apps) {
    metrics[`consumers.${app}.latencyMs.p50`] = ci(over ? 4000 : 520, over ? 900 : 15);
    metrics[`consumers.${app}.latencyMs.p99`] = ci(over ? 21000 : 1100, over ? 4000 : 40);
    metrics[`consumers.${app}.lagMaxMs`] = ci(over ? 60000 : 2050, over ? 9000 : 60);
  }
  return { system: 'kinesis', params, metrics, failed: 0 };
}

/** Kafka on three brokers keeps up at every rate of these sweeps: nothing throttled, latency flat. */
function kafkaPoint(rate: number, params: Record<string, number | string>, apps: string[]): SweepPoint {
  const metrics: Record<string, MetricStat> = {
    'records.offered': ci(rate * DURATION_SECONDS, rate * 0.4),
    'records.accepted': ci(rate * DURATION_SECONDS, rate * 0.4),
    'records.offeredPerSec': ci(rate, rate * 0.004),
    'records.acceptedPerSec': ci(rate, rate * 0.004),
    'throttled.produceThrottleTimeMs': ci(0),
    'throttled.fetchThrottleTimeMs': ci(0),
    'throttled.produceRequestsThrottled': ci(0),
    'throttled.fetchRequestsThrottled': ci(0),
    'throttled.bufferExhausted': ci(0),
    'cost.perMonth': ci(1098.55),
    'cost.perGB': ci(1098.55 / (rate * 2.6)),
  };
  for (const app of apps) {
    metrics[`consumers.${app}.latencyMs.p50`] = ci(8, 0.3);
    metrics[`consumers.${app}.latencyMs.p99`] = ci(24, 2);
    metrics[`consumers.${app}.lagMaxMs`] = ci(27, 3);
  }
  return { system: 'kafka', params, metrics, failed: 0 };
}

/** One axis: the producer's rate on a log scale, a 2-shard Kinesis stream (knee at about 2,000 records/s) and Kafka. */
export function logLoadSweep(): SweepResult {
  const apps = ['analytics'];
  const points = [
    ...LOG_RATES.map((r) => kinesisPoint(r, 2, { [RATE]: r }, apps)),
    ...LOG_RATES.map((r) => kafkaPoint(r, { [RATE]: r }, apps)),
  ];
  const knees: Knee[] = [
    {
      system: 'kinesis',
      axis: RATE,
      fixed: {},
      throttlingStartsAt: 1900,
      acceptedBelowShareFrom: 2050,
      text: 'Kinesis: throttling starts at 1,900 records/s; accepted below 99 % of offered from 2,050 records/s',
    },
    { system: 'kafka', axis: RATE, fixed: {}, text: 'Kafka: keeps up to 8,000 records/s' },
  ];
  return {
    name: 'clickstream under load',
    description: 'The write rate of one producer from 500 to 8,000 records/s on both systems.',
    durationSeconds: DURATION_SECONDS,
    axes: [{ path: RATE, scale: 'log', values: LOG_RATES, unit: 'records/s' }],
    combine: 'grid',
    knee: { acceptedShare: 0.99 },
    points,
    knees,
    runs: { total: LOG_RATES.length * 3, failed: 0 },
  };
}

/** Two axes: the rate on a linear scale × 2, 4 or 8 Kinesis shards; the knee moves with the shards. */
export function twoAxisSweep(): SweepResult {
  const rates = [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000];
  const shards = [2, 4, 8];
  const apps = ['analytics', 'archiver'];
  const points: SweepPoint[] = [];
  for (const s of shards) for (const r of rates) points.push(kinesisPoint(r, s, { [RATE]: r, [SHARDS]: s }, apps));
  for (const s of shards) for (const r of rates) points.push(kafkaPoint(r, { [RATE]: r, [SHARDS]: s }, apps));
  const knees: Knee[] = shards.flatMap((s) => [
    {
      system: 'kinesis' as SystemName,
      axis: RATE,
      fixed: { [SHARDS]: s },
      throttlingStartsAt: s * 950,
      acceptedBelowShareFrom: s * 1000,
      latencyAboveFrom: s * 1000,
      text: `Kinesis, ${s} shards: throttling starts at ${(s * 950).toLocaleString('en-US')} records/s`,
    },
    { system: 'kafka' as SystemName, axis: RATE, fixed: { [SHARDS]: s }, text: `Kafka, ${s} shards: keeps up to 10,000 records/s` },
  ]);
  return {
    name: 'shards against load',
    durationSeconds: DURATION_SECONDS,
    axes: [
      { path: RATE, scale: 'linear', values: rates, unit: 'records/s' },
      { path: SHARDS, scale: 'list', values: shards },
    ],
    combine: 'grid',
    knee: { acceptedShare: 0.99, p99LatencyMs: 2000 },
    points,
    knees,
    runs: { total: rates.length * shards.length * 2, failed: 0 },
  };
}

export const HOSTILE_NAME = '<script>alert(1)</script>';

/**
 * Runs that failed and metrics that are missing: no consumer applications (no latency or lag), the
 * top rate failed in every replication and the one below in one of three, and strings that try to
 * break out of the page.
 */
export function failingSweep(): SweepResult {
  const rates = [1000, 2000, 4000, 8000];
  const points = rates.map((r) => kinesisPoint(r, 2, { [RATE]: r }, []));
  points[2] = { ...points[2], failed: 1, metrics: Object.fromEntries(Object.entries(points[2].metrics).map(([k, v]) => [k, { ...v, n: 2 }])) };
  points[3] = { ...points[3], failed: 3, metrics: {} };
  return {
    name: HOSTILE_NAME,
    description: 'A description with </script><img src=x onerror=alert(2)> in it & more.',
    durationSeconds: DURATION_SECONDS,
    axes: [{ path: RATE, scale: 'log', values: rates, unit: 'records/s' }],
    combine: 'grid',
    points,
    knees: [{ system: 'kinesis', axis: RATE, fixed: {}, throttlingStartsAt: 1900, text: 'Kinesis <b>bold</b>: throttling starts at 1,900 records/s' }],
    runs: { total: 12, failed: 4 },
  };
}
