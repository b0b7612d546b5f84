/**
 * Downsampling of series for charts, so that a month-long run at a fine sample interval still makes
 * a page of a few MB that opens at once. Rows are grouped into consecutive buckets; each column is
 * folded in the way its meaning allows (series-contract.ts): totals become rates over the bucket,
 * maxima stay maxima, cumulative values keep the last.
 */

/** Most points a line gets: more than a chart 900 px wide can show apart. */
export const MAX_POINTS_PER_LINE = 400;

/** A run of consecutive sample rows [fromRow, toRow), covering (startSeconds, endSeconds]. */
export interface Bucket {
  startSeconds: number;
  endSeconds: number;
  fromRow: number;
  toRow: number;
}

/**
 * Groups rows into at most `maxBuckets` buckets of equal row count (the last may be shorter). Each
 * row's time is the end of its sample interval, so a bucket starts where the previous one ended.
 */
export function makeBuckets(times: number[], maxBuckets: number): Bucket[] {
  const rowsPerBucket = Math.max(1, Math.ceil(times.length / Math.max(1, maxBuckets)));
  const buckets: Bucket[] = [];
  for (let from = 0; from < times.length; from += rowsPerBucket) {
    const to = Math.min(times.length, from + rowsPerBucket);
    buckets.push({ startSeconds: from === 0 ? 0 : times[from - 1], endSeconds: times[to - 1], fromRow: from, toRow: to });
  }
  return buckets;
}

export type Fold = 'ratePerSecond' | 'max' | 'last' | 'cumulativeTotal';

/**
 * One value per bucket:
 * - `ratePerSecond`: the column holds totals per sample interval; the bucket's total over its length.
 * - `max`: the column holds a maximum or a percentile per interval; the largest in the bucket.
 * - `last`: the column is cumulative (or a level); the last value in the bucket.
 * - `cumulativeTotal`: the column holds totals per interval; the running total up to the bucket's end.
 * A bucket with no value is undefined (a gap, not a zero).
 */
export function fold(values: (number | undefined)[], buckets: Bucket[], how: Fold): (number | undefined)[] {
  let running = 0;
  let seen = false;
  return buckets.map((bucket) => {
    let sum = 0;
    let max = -Infinity;
    let last: number | undefined;
    let count = 0;
    for (let row = bucket.fromRow; row < bucket.toRow; row++) {
      const v = values[row];
      if (v === undefined || !Number.isFinite(v)) continue;
      sum += v;
      if (v > max) max = v;
      last = v;
      count++;
    }
    switch (how) {
      case 'ratePerSecond': {
        const seconds = bucket.endSeconds - bucket.startSeconds;
        return count === 0 || seconds <= 0 ? undefined : sum / seconds;
      }
      case 'max':
        return count === 0 ? undefined : max;
      case 'last':
        return last;
      case 'cumulativeTotal':
        running += sum;
        seen ||= count > 0;
        return seen ? running : undefined;
    }
  });
}

/** A number rounded to 4 significant digits: the chart cannot show more, and the page stays small. */
export function compact(value: number): number {
  return value === 0 || !Number.isFinite(value) ? value : Number(value.toPrecision(4));
}
