import { z } from 'zod';

/**
 * summary.json as a run writes it (simulation/result.ts RunSummary), for `streamsim report DIR` to
 * check a folder before trusting it. Every number is finite (zod numbers refuse NaN and Infinity);
 * counts and amounts are never negative. Systems may add fields (loose objects).
 */
const count = z.number().nonnegative();
const finite = z.number();

const consumerSchema = z.looseObject({
  delivered: count,
  duplicates: count,
  expired: count,
  backlog: count,
  lagMaxMs: count,
  latencyMs: z.looseObject({ p50: finite, p95: finite, p99: finite, p999: finite, max: finite }).optional(),
});

const systemSchema = z.looseObject({
  records: z.looseObject({ offered: count, accepted: count, rejected: count, pending: count, lost: count, rejectedBy: z.record(z.string(), count).optional() }),
  consumers: z.record(z.string(), consumerSchema),
  throttled: z.record(z.string(), count),
  cost: z.looseObject({
    currency: z.literal('USD'),
    total: count,
    perMonth: count,
    perMillionRecords: count.optional(),
    perGB: count.optional(),
    items: z.record(z.string(), count),
  }),
});

export const runSummarySchema = z.strictObject({
  scenario: z.string(),
  description: z.string(),
  seed: z.union([z.number().int().nonnegative(), z.string()]),
  durationSeconds: z.number().positive(),
  sampleIntervalSeconds: z.number().positive(),
  workload: z.strictObject({
    text: z.string(),
    producers: z.record(z.string(), z.strictObject({ offeredRecords: count, offeredBytes: count })),
    consumers: z.array(z.string()),
  }),
  timeline: z.array(z.strictObject({ atSeconds: count, label: z.string() })),
  systems: z.strictObject({ kinesis: systemSchema.optional(), kafka: systemSchema.optional() }),
  runId: z.string().regex(/^[0-9a-f]{16}$/).optional(),
  seriesSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
