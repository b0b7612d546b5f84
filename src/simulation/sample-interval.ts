import { DAY, HOUR, MINUTE, SECOND, type Micros } from '../engine/time.ts';

/** Round sample intervals, from a second to a day. */
export const ROUND_INTERVALS: Micros[] = [
  SECOND, 5 * SECOND, 10 * SECOND, 30 * SECOND, MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY,
];
/** Enough points for a smooth chart, few enough that a month-long report stays small. */
const TARGET_MAX_SAMPLES = 1000;

/** The default time-series resolution: the finest round interval giving at most 1,000 samples. */
export function defaultSampleInterval(duration: Micros): Micros {
  return ROUND_INTERVALS.find((c) => duration / c <= TARGET_MAX_SAMPLES) ?? DAY;
}
