import { z } from 'zod';
import { byteRate, duration, positiveRecordSize, positiveSize, rate, rateSchema, positiveInt, nameSchema, upTo } from './types.ts';
import { SIZE_LIMITS } from './limits.ts';
import { EXPECTED, INTERVAL, SIZE, expected } from './messages.ts';
import { DAY } from '../engine/time.ts';

/**
 * Each producer machine's sustained bandwidth by default: the EC2 m5.2xlarge baseline, 2,500 Mbps
 * (aws/karpenter-provider-aws zz_generated.bandwidth.go, the table the broker presets use; instances
 * of 16 vCPUs or fewer only burst above their baseline for minutes, AWS EC2 "instance network
 * bandwidth" page).
 */
export const CLIENT_NETWORK = '312.5MB/s';

const rateStep = z.strictObject({ at: duration, rate }).describe('From `at` on, the producer offers `rate`');

/** Constant, scheduled (steps) or diurnal (a sinusoid over 24 h) offered rate. */
export const rateProfile = z
  .union(
    [
      rateSchema(EXPECTED.rateProfile),
      z.strictObject({
        schedule: z
          .array(rateStep)
          .min(1)
          .describe('Steps in time order: from each step\'s `at`, its rate; zero before the first step'),
      }),
      z.strictObject({
        diurnal: z
          .strictObject({
            mean: rate.describe('Average rate over a day'),
            amplitude: z.number().min(0).max(1).describe('Peak is mean*(1+amplitude), trough mean*(1-amplitude)'),
            peakAt: duration.refine((micros) => micros < DAY, { error: INTERVAL.peakAt }).prefault('14h').describe('Time of day of the peak, from the start of the run (default 14h)'),
          })
          .describe('A daily cycle: mean*(1 + amplitude*cos(2π(t - peakAt)/24h))'),
      }),
    ],
    { error: expected(EXPECTED.rateProfile) },
  )
  .describe('Offered rate: `2000/s` (records), `5MB/s` (bytes, divided by the mean record size), `{schedule: [{at, rate}, …]}` or `{diurnal: {mean, amplitude, peakAt}}`');

export const recordSize = z
  .union(
    [
      positiveRecordSize,
      z.discriminatedUnion(
        'dist',
        [
          z.strictObject({ dist: z.literal('fixed'), size: positiveSize }).describe('Every record has `size` bytes'),
          z
            .strictObject({ dist: z.literal('lognormal'), median: positiveSize, p99: positiveSize })
            .describe('Lognormal sizes given their median and 99th percentile'),
          z
            .strictObject({ dist: z.literal('uniform'), min: positiveSize, max: positiveSize })
            .describe('Sizes uniform between min and max'),
        ],
        { error: 'expected dist: fixed, lognormal or uniform' },
      ),
    ],
    { error: expected(EXPECTED.recordSize) },
  )
  .describe('Record size: a size (2KB), or {dist: lognormal, median, p99}, {dist: uniform, min, max} or {dist: fixed, size}');

export const keys = z
  .strictObject({
    count: positiveInt.default(100_000).describe('Number of distinct partition keys (default 100,000)'),
    dist: z.enum(['uniform', 'zipf']).default('uniform').describe('How often each key is used: uniform (default) or zipf (a few hot keys)'),
    exponent: z.number().positive().default(1).describe('Zipf exponent s (with dist: zipf): key k has weight k^-s'),
  })
  .describe('How records pick their partition key');

export const producerSchema = z
  .strictObject({
    name: nameSchema.describe('Producer name, unique in the scenario; names its random streams'),
    rate: rateProfile,
    arrivals: z
      .enum(['poisson', 'constant'])
      .default('poisson')
      .describe('poisson (default): independent random arrival times; constant: evenly spaced'),
    recordSize: recordSize.default(1000),
    keys: keys.default({ count: 100_000, dist: 'uniform', exponent: 1 }),
    instances: positiveInt
      .default(1)
      .describe('Client machines the producer runs on (default 1): each has its own client and offers an equal share of the rate; spread over the zones'),
    network: byteRate
      .prefault(CLIENT_NETWORK)
      .describe(`Sustained network bandwidth of each client machine (default ${CLIENT_NETWORK}, an EC2 m5.2xlarge baseline); Kafka produce requests cross it`),
  })
  .describe('A source of records; every system in the scenario receives the same records');

export const consumerSchema = z
  .strictObject({
    name: nameSchema.describe('Application name, unique in the scenario; systems configure how it reads under this name'),
    instances: upTo(SIZE_LIMITS.instances, 'instances').default(1).describe('Workers sharing the shards or partitions (default 1)'),
    processingTime: duration.prefault('0ms').describe('Processing time per record (default 0ms)'),
    startAt: duration.prefault('0s').describe('When the application starts (default 0s)'),
    startFrom: z
      .enum(['earliest', 'latest'])
      .default('earliest')
      .describe('Where it starts reading: earliest retained record (default) or latest'),
  })
  .describe('A consumer application; each one reads every record');

export const workloadSchema = z
  .strictObject({
    producers: z.array(producerSchema).min(1).max(SIZE_LIMITS.producers, { error: SIZE.atMost('producers', SIZE_LIMITS.producers) }).describe('One or more producers'),
    consumers: z.array(consumerSchema).max(SIZE_LIMITS.consumers, { error: SIZE.atMost('consumer applications', SIZE_LIMITS.consumers) }).default([]).describe('Consumer applications (none by default)'),
  })
  .describe('The load, described once and run against every system in the scenario');

export type ProducerSpec = z.output<typeof producerSchema>;
export type ConsumerSpec = z.output<typeof consumerSchema>;
export type WorkloadSpec = z.output<typeof workloadSchema>;
export type RateProfileSpec = z.output<typeof rateProfile>;
export type RecordSizeSpec = z.output<typeof recordSize>;
