import type { SystemName } from '../scenario/schema.ts';

/**
 * What `sweep collect` hands to the sweep report: the varied parameters, and per point and system
 * the mean and 95 % confidence interval of every metric over the replications. Metric names are the
 * columns of sweep.csv (`records.offered`, `records.acceptedPerSec`, `throttled.<name>`,
 * `consumers.<app>.latencyMs.p99`, `consumers.<app>.lagMaxMs`, `cost.perMonth`, `cost.perGB`, …).
 */
export interface SweepResult {
  name: string;
  description?: string;
  /** Simulated seconds of each run, so that counts can be shown per second. */
  durationSeconds: number;
  axes: SweepAxis[];
  combine: 'grid' | 'zip';
  knee?: KneeThresholds;
  points: SweepPoint[];
  /** Each system's knee on each curve, found by collect (src/sweep/knee.ts). */
  knees: Knee[];
  runs: { total: number; failed: number };
}

/** One varied scenario path, named exactly as in the sweep file's `vary`. */
export interface SweepAxis {
  path: string;
  /** `log` and `linear` for ranges (`{from, to, steps, scale}`); `list` for a list of values. */
  scale: 'linear' | 'log' | 'list';
  /** The values in plan order, as numbers in the scenario's base units (records/s, bytes, µs) or as text. */
  values: (number | string)[];
  /** How the values were written, for labels: `records/s`, `bytes/s`, `bytes`, `duration`, or undefined for plain numbers and text. */
  unit?: string;
}

export interface KneeThresholds {
  p99LatencyMs?: number;
  acceptedShare?: number;
}

export interface SweepPoint {
  system: SystemName;
  /** The value of each axis at this point, keyed by the axis path. */
  params: Record<string, number | string>;
  metrics: Record<string, MetricStat>;
  /** Replications that failed at this point (their metrics are left out of the statistics). */
  failed: number;
}

/** Mean and Student-t 95 % interval over n replications (low = high = mean when n = 1). */
export interface MetricStat {
  mean: number;
  low: number;
  high: number;
  n: number;
}

/**
 * Where one curve (a system, and fixed values of the other axes) stops keeping up, along the load
 * axis (the first axis in `vary`). Each field is the load where that condition starts, interpolated
 * between the two points that bracket it, or undefined when it never happens in the sweep's range.
 */
export interface Knee {
  system: SystemName;
  /** The load axis (its path in `vary`). */
  axis: string;
  /** The values of the other axes on this curve (empty for a one-parameter sweep). */
  fixed: Record<string, number | string>;
  /** Throttled writes (or quota delays) start. */
  throttlingStartsAt?: number;
  /** Accepted throughput falls below `acceptedShare` of offered (default 0.99). */
  acceptedBelowShareFrom?: number;
  /** The worst consumer application's p99 latency exceeds `p99LatencyMs` (only with that threshold). */
  latencyAboveFrom?: number;
  /** One sentence for tables: "Kinesis, 4 shards: throttling starts at 3,400 records/s; accepted below 99 % of offered from 3,900 records/s". */
  text: string;
}
