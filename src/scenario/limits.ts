import { DAY } from '../engine/time.ts';

/**
 * Bounds that keep a run within reasonable time and memory on a 2-core machine. The engine
 * simulates requests, not records, but producers still draw a time, a key and a size per record,
 * so records offered bound the run time. Generation runs at a few million records per second on
 * one core, fastest for constant arrivals and sizes, slower with lognormal sizes, Zipf keys or a
 * varying rate (docs/performance.md#generating-records), so 3e9 records already cost many
 * minutes of record generation alone, before any system model.
 */
export const MAX_OFFERED_RECORDS = 3e9;
/** Longest run: a year of long-term Kinesis retention plus a month to see it expire. */
export const MAX_DURATION = 400 * DAY;
/** Most rows in series.csv (and points per chart). */
export const MAX_SAMPLES = 100_000;
/** Most distinct keys per producer: key-to-shard maps are precomputed per key. */
export const MAX_KEYS = 10_000_000;
/** Largest record size a producer can draw: sizes are held in an Int32Array (2^31 - 1 bytes). */
export const MAX_RECORD_BYTES = 2 ** 31 - 1;

/**
 * Sizes of the simulated systems. The model keeps state per shard, partition, broker, producer and
 * timeline entry, so each has a ceiling that keeps memory and set-up time bounded; where the real
 * system documents a maximum, the ceiling is at or above it.
 */
export const SIZE_LIMITS = {
  /** Shards: AWS's default account quota is 20,000 shards in us-east-1 (Kinesis quotas page), raised on request. */
  shards: 100_000,
  /**
   * Partitions per cluster: "Apache Kafka Supports 200K Partitions Per Cluster" (J. Rao, confluent.io
   * blog, 2018); KRaft aims higher, but per-partition state is what a run holds.
   */
  partitions: 200_000,
  /** Brokers: no documented maximum (Amazon MSK's default quota is 30 brokers per cluster). */
  brokers: 1_000,
  /** Workload producers and consumer applications: each is an event source of its own. */
  producers: 1_000,
  consumers: 1_000,
  /** Instances of one consumer application. */
  instances: 10_000,
  /** Timeline entries. */
  timeline: 10_000,
} as const;

/**
 * Most events a run executes without `--yes`: a Kafka model runs about 150,000 to 250,000 events a
 * second on one core of the project machine (bench/), so this is 15 to 25 minutes. The estimate
 * comes from simulating the run's beginning (simulation/estimate.ts).
 */
export const MAX_RUN_EVENTS = 2e8;
