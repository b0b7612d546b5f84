import * as hdr from 'hdr-histogram-js';
import { MILLISECOND, type Micros } from './time.ts';

/** A running total that also reports what was added since the last sample. */
export class Counter {
  total = 0;
  private atSample = 0;

  add(amount = 1): void {
    this.total += amount;
  }

  /** The amount added since the previous call. */
  takeInterval(): number {
    const delta = this.total - this.atSample;
    this.atSample = this.total;
    return delta;
  }
}

/** A level that remembers its maximum, overall and since the last sample. */
export class Gauge {
  value = 0;
  max = 0;
  private intervalMax = 0;

  set(value: number): void {
    this.value = value;
    if (value > this.max) this.max = value;
    if (value > this.intervalMax) this.intervalMax = value;
  }

  /** The largest value seen since the previous call (at least the current value). */
  takeIntervalMax(): number {
    const result = Math.max(this.intervalMax, this.value);
    this.intervalMax = this.value;
    return result;
  }
}

/** The time-weighted average of a level (queue length, buffer fill): the L in Little's law. */
export class TimeWeightedAverage {
  private level = 0;
  private area = 0;
  private since: Micros;

  constructor(private start: Micros = 0) {
    this.since = start;
  }

  /** The level now. */
  get current(): number {
    return this.level;
  }

  /** Forgets the history before `now`, keeping the current level (warm-up deletion). */
  reset(now: Micros): void {
    this.area = 0;
    this.start = now;
    this.since = now;
  }

  set(level: number, now: Micros): void {
    this.area += this.level * (now - this.since);
    this.level = level;
    this.since = now;
  }

  average(now: Micros): number {
    const area = this.area + this.level * (now - this.since);
    return now > this.start ? area / (now - this.start) : 0;
  }
}

export interface LatencyPercentilesMs {
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

/**
 * Points a spread of records is split into: a percentile of an evenly spread batch is then off by at
 * most 1/64 of the spread (half a point's width), and a batch still costs only a few dozen histogram
 * updates.
 */
const SPREAD_POINTS = 32;

function newHdr(): hdr.Histogram {
  // 64-bit counts: a month of heavy traffic overflows 32-bit buckets. 3 significant digits = 0.1 % error.
  return hdr.build({ bitBucketSize: 64, numberOfSignificantValueDigits: 3, lowestDiscernibleValue: 1, autoResize: true });
}

/** 2^k for k = 0..63, exact, so the index below takes no Math.pow call. */
const POWERS_OF_TWO = Float64Array.from({ length: 64 }, (_, k) => 2 ** k);
const INVERSE_POWERS_OF_TWO = Float64Array.from({ length: 64 }, (_, k) => 2 ** -k);
const TWO_TO_32 = 2 ** 32;

/**
 * hdr-histogram-js's `recordValueWithCount` (JsHistogram.recordCountAtValue) with its counts index
 * computed by integer arithmetic: the library takes floor(log2(v)) with Math.log2 and divides by
 * Math.pow(2, k); for a whole value below 2^32 (71 minutes in µs) floor(log2(v)) is exactly
 * 31 - clz32(v), and 2^k comes from a table, so the index, and the histogram, are the same. Larger
 * values, and values past the counts array (which resize it), take the library's own path. This is
 * the per-batch hot path of every latency histogram; the library's version was a tenth of a
 * month-long Kinesis run.
 */
function recordValueWithCount(h: hdr.JsHistogram, value: number, count: number): void {
  const index = countsIndex(h, value);
  if (index >= 0) {
    h.addToCountAtIndex(index, count);
    h.updateMinAndMax(value);
    h.addToTotalCount(count);
    return;
  }
  h.recordValueWithCount(value, count);
}

/** The counts index of a whole value, or -1 when it takes the library's own path (see recordValueWithCount). */
function countsIndex(h: hdr.JsHistogram, value: number): number {
  if (value >= TWO_TO_32) return -1;
  const halfMagnitude = h.subBucketHalfCountMagnitude;
  const unitMagnitude = h.unitMagnitude;
  let bucket = 31 - Math.clz32(value) - halfMagnitude - unitMagnitude;
  if (bucket < 0) bucket = 0;
  const subBucket = Math.floor(value * INVERSE_POWERS_OF_TWO[bucket + unitMagnitude]); // exact: a power of two
  const index = (bucket + 1) * POWERS_OF_TWO[halfMagnitude] + (subBucket - h.subBucketHalfCount);
  return index < h.countsArrayLength ? index : -1;
}

/**
 * Latencies in microseconds, weighted by record count, so a batch of 500 records is one call.
 * Memory is fixed whatever the number of records (HdrHistogram). Keeps the whole-run histogram and
 * one for the current sample interval; a record goes into the interval's histogram only, which is
 * folded into the whole-run one when the interval is taken (one histogram update per call instead
 * of two).
 */
export class LatencyHistogram {
  /** Everything up to the last `takeIntervalPercentilesMs`. */
  private readonly whole = newHdr();
  /** Everything since. */
  private readonly interval = newHdr();

  get count(): number {
    return this.whole.totalCount + this.interval.totalCount;
  }

  record(latency: Micros, count = 1): void {
    if (count <= 0) return;
    const value = latency >= 1 ? Math.round(latency) : 1;
    recordValueWithCount(this.interval as hdr.JsHistogram, value, count);
  }

  /**
   * Records `count` latencies spread evenly between `min` and `max` (records of a batch created over
   * time) as at most `points` weighted values at the middles of equal slices. The histogram's total,
   * minimum and maximum are updated once for all of them (the same histogram as value by value).
   */
  recordSpread(min: Micros, max: Micros, count: number, points = SPREAD_POINTS): void {
    if (count <= 0) return;
    const k = Math.min(count, points);
    if (k <= 1 || max <= min) {
      this.record((min + max) / 2, count);
      return;
    }
    const h = this.interval as hdr.JsHistogram;
    const base = Math.floor(count / k);
    let remainder = count - base * k;
    const step = (max - min) / k;
    let lowest = Number.POSITIVE_INFINITY;
    let highest = 0;
    let counted = 0;
    for (let i = 0; i < k; i++) {
      const weight = base + (remainder > 0 ? 1 : 0);
      if (remainder > 0) remainder--;
      const latency = min + step * (i + 0.5);
      const value = latency >= 1 ? Math.round(latency) : 1;
      const index = countsIndex(h, value);
      if (index < 0) {
        h.recordValueWithCount(value, weight); // beyond the counts array: the library resizes it
        continue;
      }
      h.addToCountAtIndex(index, weight);
      if (value < lowest) lowest = value;
      if (value > highest) highest = value;
      counted += weight;
    }
    if (counted > 0) {
      h.updateMinAndMax(lowest);
      h.updateMinAndMax(highest);
      h.addToTotalCount(counted);
    }
  }

  /** Whole-run percentiles in milliseconds; undefined when nothing was recorded. */
  percentilesMs(): LatencyPercentilesMs | undefined {
    if (this.interval.totalCount === 0) return percentiles(this.whole);
    if (this.whole.totalCount === 0) return percentiles(this.interval);
    const all = newHdr();
    all.add(this.whole);
    all.add(this.interval);
    return percentiles(all);
  }

  /** Percentiles of the current sample interval, then starts a new interval. */
  takeIntervalPercentilesMs(): LatencyPercentilesMs | undefined {
    const result = percentiles(this.interval);
    this.foldInterval();
    return result;
  }

  /** Starts a new sample interval, keeping what the last one recorded in the whole-run histogram. */
  foldInterval(): void {
    if (this.interval.totalCount === 0) return;
    addRecorded(this.whole as hdr.JsHistogram, this.interval as hdr.JsHistogram);
    this.interval.reset();
  }
}

/**
 * `into.add(from)` (hdr-histogram-js) over the counts that can be non-zero only, from the index of
 * `from`'s smallest value to that of its largest, rather than the whole counts array: an interval's
 * latencies take a few hundred of its thousands of counts, and the fold is made at every sample.
 */
function addRecorded(into: hdr.JsHistogram, from: hdr.JsHistogram): void {
  if (into.countsArrayLength !== from.countsArrayLength || into.unitMagnitude !== from.unitMagnitude) {
    into.add(from); // counts of different layouts (one was resized): the library maps them
    return;
  }
  const last = from.countsArrayIndex(from.maxValue);
  let added = 0;
  for (let i = from.countsArrayIndex(from.minNonZeroValue); i <= last; i++) {
    const count = from.getCountAtIndex(i);
    if (count > 0) {
      into.addToCountAtIndex(i, count);
      added += count;
    }
  }
  into.addToTotalCount(added);
  into.updateMinAndMax(from.minNonZeroValue);
  into.updateMinAndMax(from.maxValue);
}

/** The percentiles a LatencyPercentilesMs reports, in increasing order. */
const REPORTED_PERCENTILES = [50, 95, 99, 99.9];

/**
 * `getValueAtPercentile` (hdr-histogram-js) of each reported percentile, the same values, found in
 * one pass over the counts that starts at the smallest recorded value (the library walks from the
 * first count for each percentile: most of a sample's time went there).
 */
function percentiles(histogram: hdr.Histogram): LatencyPercentilesMs | undefined {
  const h = histogram as hdr.JsHistogram;
  const total = h.totalCount;
  if (total === 0) return undefined;
  const values = [0, 0, 0, 0]; // 0 where the counts never reach the percentile, as the library returns
  let p = 0;
  let target = countAtPercentile(REPORTED_PERCENTILES[0], total);
  let counted = 0;
  for (let i = h.countsArrayIndex(h.minNonZeroValue); i < h.countsArrayLength && p < values.length; i++) {
    counted += h.getCountAtIndex(i);
    for (; p < values.length && counted >= target; p++) {
      values[p] = h.highestEquivalentValue(h.valueFromIndex(i));
      if (p + 1 < values.length) target = countAtPercentile(REPORTED_PERCENTILES[p + 1], total);
    }
  }
  return { p50: ms(values[0]), p95: ms(values[1]), p99: ms(values[2]), p999: ms(values[3]), max: ms(h.maxValue) };
}

/** The recorded values a percentile must reach, rounded up as the library rounds it (one ulp below, then up). */
function countAtPercentile(percentile: number, total: number): number {
  const fp = (percentile / 100) * total;
  return Math.max(Math.ceil(fp - 2 ** (Math.floor(Math.log2(fp)) - 52)), 1);
}

const ms = (v: number) => v / MILLISECOND;
