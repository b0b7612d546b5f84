import { DAY } from '../engine/time.ts';

/**
 * Bounds that keep a run within reasonable time and memory on a 2-core machine. The engine
 * simulates requests, not records, but producers still draw a time, a key and a size per record,
 * so records offered bound the run time. Measured on the project machine (Node 20, one core;
 * RecordSource.pull every 100 ms for 100 s at 100,000 records/s): 10.7 M records/s for constant arrivals and
 * sizes, 8.9 M for Poisson, 2.3 M with lognormal sizes and Zipf keys, 1.6 M for a diurnal Poisson
 * rate. So 3e9 records cost 5 to 30 minutes of record generation alone, before any system model.
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
