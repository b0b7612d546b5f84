import type { LatencyPercentilesMs } from '../engine/metrics.ts';

/**
 * The shape of summary.json (docs/design.md#summaryjson). Fields that do not apply to a run are
 * absent, not zero. Amounts are US dollars, unrounded.
 */
export interface RunSummary {
  scenario: string;
  description: string;
  seed: number | string;
  durationSeconds: number;
  sampleIntervalSeconds: number;
  workload: WorkloadSummary;
  /** Timeline actions, for charts and readers: when, and what, in words. */
  timeline: { atSeconds: number; label: string }[];
  systems: { kinesis?: SystemSummary; kafka?: SystemSummary };
  /** The run's id and the SHA-256 of its series.csv (output/run-id.ts), set when the outputs are written. */
  runId?: string;
  seriesSha256?: string;
}

export interface WorkloadSummary {
  /** One readable line, e.g. "clicks: 2,000 records/s (Poisson) of 2 KB, 10,000 keys (Zipf 1.1); 1 consumer app". */
  text: string;
  producers: Record<string, { offeredRecords: number; offeredBytes: number }>;
  consumers: string[];
}

export interface RecordCounts {
  offered: number;
  accepted: number;
  rejected: number;
  pending: number;
  lost: number;
  /** Why records were rejected, e.g. { tooLarge, retriesExhausted, bufferFull, expired }. */
  rejectedBy?: Record<string, number>;
}

export interface ConsumerSummary {
  delivered: number;
  duplicates: number;
  expired: number;
  backlog: number;
  lagMaxMs: number;
  latencyMs?: LatencyPercentilesMs;
  [extra: string]: unknown;
}

export interface CostSummary {
  currency: 'USD';
  total: number;
  perMonth: number;
  perMillionRecords?: number;
  perGB?: number;
  items: Record<string, number>;
  [extra: string]: unknown;
}

export interface SystemSummary {
  records: RecordCounts;
  consumers: Record<string, ConsumerSummary>;
  throttled: Record<string, number>;
  cost: CostSummary;
  [extra: string]: unknown;
}

/** series.csv in memory: the first column is `time` (seconds at the end of each sample interval). */
export interface SeriesTable {
  columns: string[];
  rows: (number | undefined)[][];
}

export interface RunResult {
  summary: RunSummary;
  series: SeriesTable;
  /** Events executed, over all systems (for benchmarks; not part of the outputs). */
  events: number;
  /** Each simulation's event fingerprint, by system (or `workload`), when run with `fingerprint: true`. */
  fingerprints?: Record<string, string>;
}
