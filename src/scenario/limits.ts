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
