import { DAY, type Micros } from '../engine/time.ts';

/** Microseconds per second, module-local (an imported binding costs a getter call under tsx's interop). */
const SECOND = 1_000_000;
import type { Rate } from '../scenario/units.ts';
import type { RateProfileSpec } from '../scenario/workload-schema.ts';

/** Offered records per second as a function of simulated time. */
export interface RateProfile {
  /** Records per second at time t. */
  at(t: Micros): number;
  /** An upper bound of `at` from t until `until`; the rate is constant over that span when `constant` is true. */
  boundFrom(t: Micros): { bound: number; until: Micros; constant: boolean };
  /** Expected records offered in [0, t]: the integral of the rate (the cumulative intensity Λ(t)). */
  cumulative(t: Micros): number;
  /** The earliest time at which `cumulative` reaches `records`; Infinity if it never does. */
  timeOfCumulative(records: number): Micros;
  /** The highest rate the profile ever reaches (records/s). */
  readonly peak: number;
}

export function recordsPerSecond(rate: Rate, meanRecordBytes: number): number {
  return 'recordsPerSecond' in rate ? rate.recordsPerSecond : rate.bytesPerSecond / meanRecordBytes;
}

export function createRateProfile(spec: RateProfileSpec, meanRecordBytes: number): RateProfile {
  if ('schedule' in spec) return scheduleProfile(spec.schedule.map((s) => ({ at: s.at, rate: recordsPerSecond(s.rate, meanRecordBytes) })));
  if ('diurnal' in spec) return diurnalProfile(recordsPerSecond(spec.diurnal.mean, meanRecordBytes), spec.diurnal.amplitude, spec.diurnal.peakAt);
  return scheduleProfile([{ at: 0, rate: recordsPerSecond(spec, meanRecordBytes) }]);
}

/** Steps in time order: rate `rate` from `at` until the next step; zero before the first. */
function scheduleProfile(steps: { at: Micros; rate: number }[]): RateProfile {
  // Records expected before each step starts, so Λ and its inverse are one lookup and one division.
  const before: number[] = [];
  let total = 0;
  steps.forEach((step, i) => {
    before.push(total);
    if (i + 1 < steps.length) total += (step.rate * (steps[i + 1].at - step.at)) / SECOND;
  });
  const indexAt = (t: Micros) => {
    let i = -1;
    while (i + 1 < steps.length && steps[i + 1].at <= t) i++;
    return i;
  };
  return {
    peak: Math.max(0, ...steps.map((s) => s.rate)),
    at: (t) => {
      const i = indexAt(t);
      return i < 0 ? 0 : steps[i].rate;
    },
    boundFrom: (t) => {
      const i = indexAt(t);
      const until = i + 1 < steps.length ? steps[i + 1].at : Number.POSITIVE_INFINITY;
      return { bound: i < 0 ? 0 : steps[i].rate, until, constant: true };
    },
    cumulative: (t) => {
      const i = indexAt(t);
      return i < 0 ? 0 : before[i] + (steps[i].rate * (t - steps[i].at)) / SECOND;
    },
    timeOfCumulative: (records) => {
      // The last step that starts below the target holds it (or never reaches it, if it is the last and idle).
      for (let i = steps.length - 1; i >= 0; i--) {
        if (before[i] >= records) continue;
        const rate = steps[i].rate;
        if (rate <= 0) return Number.POSITIVE_INFINITY;
        const t = steps[i].at + ((records - before[i]) / rate) * SECOND;
        return i + 1 < steps.length ? Math.min(t, steps[i + 1].at) : t;
      }
      return 0;
    },
  };
}

/** mean*(1 + amplitude*cos(2π(t - peakAt)/day)): one peak a day, at `peakAt` (a time of day from the start). */
function diurnalProfile(mean: number, amplitude: number, peakAt: Micros): RateProfile {
  const omega = (2 * Math.PI) / DAY;
  const peak = mean * (1 + amplitude);
  const at = (t: Micros) => mean * (1 + amplitude * Math.cos(omega * (t - peakAt)));
  // Λ(t) = mean * (t + amplitude/ω * (sin(ω(t - peakAt)) + sin(ω peakAt))), t in seconds.
  const phase0 = Math.sin(omega * peakAt);
  const cumulative = (t: Micros) => (mean * (t + (amplitude / omega) * (Math.sin(omega * (t - peakAt)) + phase0))) / SECOND;
  // Λ(t) stays within mean*amplitude/ω·2 of mean*t, which brackets the inverse for bisection.
  const slackRecords = (2 * mean * amplitude) / (omega * SECOND);
  return {
    peak,
    at,
    boundFrom: () => ({ bound: peak, until: Number.POSITIVE_INFINITY, constant: amplitude === 0 }),
    cumulative,
    timeOfCumulative: (records) => {
      if (!(mean > 0)) return Number.POSITIVE_INFINITY;
      if (records <= 0) return 0;
      let low = Math.max(0, ((records - slackRecords) / mean) * SECOND);
      let high = ((records + slackRecords) / mean) * SECOND;
      // Safeguarded Newton: Λ is increasing, its derivative is the rate (zero at the trough when amplitude = 1).
      let t = (records / mean) * SECOND;
      for (let iteration = 0; iteration < 100; iteration++) {
        const error = cumulative(t) - records;
        if (error > 0) high = t;
        else low = t;
        const slope = at(t) / SECOND;
        let next = slope > 0 ? t - error / slope : (low + high) / 2;
        if (!(next > low && next < high)) next = (low + high) / 2;
        if (Math.abs(next - t) <= 1e-9 * Math.max(SECOND, t)) return next;
        t = next;
      }
      return t;
    },
  };
}

/** The long-run mean rate (records/s): for a schedule, the rate averaged over `duration`. */
export function meanRecordsPerSecond(spec: RateProfileSpec, meanRecordBytes: number, duration?: Micros): number {
  const profile = createRateProfile(spec, meanRecordBytes);
  if ('schedule' in spec) {
    if (duration && duration > 0) return (profile.cumulative(duration) * SECOND) / duration;
    return profile.peak;
  }
  if ('diurnal' in spec) return recordsPerSecond(spec.diurnal.mean, meanRecordBytes);
  return recordsPerSecond(spec, meanRecordBytes);
}

/** The highest rate the profile ever reaches (records/s). */
export function peakRecordsPerSecond(spec: RateProfileSpec, meanRecordBytes: number): number {
  return createRateProfile(spec, meanRecordBytes).peak;
}

/** Records a producer is expected to offer over [0, duration]: the integral of its rate. */
export function expectedOfferedRecords(spec: RateProfileSpec, meanRecordBytes: number, duration: Micros): number {
  return createRateProfile(spec, meanRecordBytes).cumulative(duration);
}

