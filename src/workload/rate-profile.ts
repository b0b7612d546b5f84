import { DAY, SECOND, type Micros } from '../engine/time.ts';
import type { Rate } from '../scenario/units.ts';
import type { RateProfileSpec } from '../scenario/workload-schema.ts';

/** Offered records per second as a function of simulated time. */
export interface RateProfile {
  /** Records per second at time t. */
  at(t: Micros): number;
  /** An upper bound of `at` from t until `until(t)`; the rate is constant over that span when `constantUntil` is true. */
  boundFrom(t: Micros): { bound: number; until: Micros; constant: boolean };
}

export function recordsPerSecond(rate: Rate, meanRecordBytes: number): number {
  return 'recordsPerSecond' in rate ? rate.recordsPerSecond : rate.bytesPerSecond / meanRecordBytes;
}

export function createRateProfile(spec: RateProfileSpec, meanRecordBytes: number): RateProfile {
  if ('schedule' in spec) {
    const steps = spec.schedule.map((s) => ({ at: s.at, rate: recordsPerSecond(s.rate, meanRecordBytes) }));
    const indexAt = (t: Micros) => {
      let i = -1;
      while (i + 1 < steps.length && steps[i + 1].at <= t) i++;
      return i;
    };
    return {
      at: (t) => {
        const i = indexAt(t);
        return i < 0 ? 0 : steps[i].rate;
      },
      boundFrom: (t) => {
        const i = indexAt(t);
        const until = i + 1 < steps.length ? steps[i + 1].at : Number.POSITIVE_INFINITY;
        return { bound: i < 0 ? 0 : steps[i].rate, until, constant: true };
      },
    };
  }
  if ('diurnal' in spec) {
    const mean = recordsPerSecond(spec.diurnal.mean, meanRecordBytes);
    const { amplitude, peakAt } = spec.diurnal;
    const peak = mean * (1 + amplitude);
    const at = (t: Micros) => mean * (1 + amplitude * Math.cos((2 * Math.PI * (t - peakAt)) / DAY));
    return { at, boundFrom: () => ({ bound: peak, until: Number.POSITIVE_INFINITY, constant: amplitude === 0 }) };
  }
  const rate = recordsPerSecond(spec, meanRecordBytes);
  return { at: () => rate, boundFrom: () => ({ bound: rate, until: Number.POSITIVE_INFINITY, constant: true }) };
}

/** The long-run mean rate (records/s), for sizing checks and summaries. */
export function meanRecordsPerSecond(spec: RateProfileSpec, meanRecordBytes: number): number {
  if ('schedule' in spec) return Math.max(...spec.schedule.map((s) => recordsPerSecond(s.rate, meanRecordBytes)));
  if ('diurnal' in spec) return recordsPerSecond(spec.diurnal.mean, meanRecordBytes);
  return recordsPerSecond(spec, meanRecordBytes);
}

/** The highest rate the profile ever reaches (records/s). */
export function peakRecordsPerSecond(spec: RateProfileSpec, meanRecordBytes: number): number {
  if ('diurnal' in spec) return recordsPerSecond(spec.diurnal.mean, meanRecordBytes) * (1 + spec.diurnal.amplitude);
  return meanRecordsPerSecond(spec, meanRecordBytes);
}

export const perMicro = (recordsPerSec: number) => recordsPerSec / SECOND;
