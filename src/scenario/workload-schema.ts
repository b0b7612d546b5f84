import { z } from 'zod';
import { duration, positiveSize, rate, positiveInt } from './types.ts';

const rateStep = z.strictObject({ at: duration, rate }).describe('From `at` on, the producer offers `rate`');

/** Constant, scheduled (steps) or diurnal (a sinusoid over 24 h) offered rate. */
export const rateProfile = z
  .union([
    rate,
    z.strictObject({ schedule: z.array(rateStep).min(1) }),
    z.strictObject({
      diurnal: z.strictObject({
        mean: rate.describe('Average rate over a day'),
        amplitude: z.number().min(0).max(1).describe('Peak is mean*(1+amplitude), trough mean*(1-amplitude)'),
        peakAt: duration.prefault('14h').describe('Time of day of the peak, from the start of the run'),
      }),
    }),
  ])
  .describe('Offered rate: `2000/s`, `{schedule: [{at, rate}, …]}` or `{diurnal: {mean, amplitude, peakAt}}`');

export const recordSize = z
  .union([
    positiveSize,
    z.strictObject({ dist: z.literal('fixed'), size: positiveSize }),
    z.strictObject({ dist: z.literal('lognormal'), median: positiveSize, p99: positiveSize }),
    z.strictObject({ dist: z.literal('uniform'), min: positiveSize, max: positiveSize }),
  ])
  .describe('Record size: a size, or {dist: lognormal, median, p99} or {dist: uniform, min, max}');

export const keys = z
  .strictObject({
    count: positiveInt.default(100_000).describe('Number of distinct partition keys'),
    dist: z.enum(['uniform', 'zipf']).default('uniform'),
    exponent: z.number().positive().default(1).describe('Zipf exponent (with dist: zipf)'),
  })
  .describe('How records pick their partition key');

export const producerSchema = z.strictObject({
  name: z.string().min(1),
  rate: rateProfile,
  arrivals: z.enum(['poisson', 'constant']).default('poisson'),
  recordSize: recordSize.default(1000),
  keys: keys.default({ count: 100_000, dist: 'uniform', exponent: 1 }),
});

export const consumerSchema = z.strictObject({
  name: z.string().min(1),
  instances: positiveInt.default(1).describe('Workers sharing the shards or partitions'),
  processingTime: duration.prefault('0ms').describe('Processing time per record'),
  startAt: duration.prefault('0s').describe('When the application starts'),
  startFrom: z.enum(['earliest', 'latest']).default('earliest').describe('Where it starts reading'),
});

export const workloadSchema = z.strictObject({
  producers: z.array(producerSchema).min(1),
  consumers: z.array(consumerSchema).default([]),
});

export type ProducerSpec = z.output<typeof producerSchema>;
export type ConsumerSpec = z.output<typeof consumerSchema>;
export type WorkloadSpec = z.output<typeof workloadSchema>;
export type RateProfileSpec = z.output<typeof rateProfile>;
export type RecordSizeSpec = z.output<typeof recordSize>;
