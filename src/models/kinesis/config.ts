import { z } from 'zod';
import { duration, positiveInt } from '../../scenario/types.ts';

/**
 * `systems.kinesis` in a scenario file. Every limit, default and price of the model is a default
 * here that a scenario can override (values and sources in ./limits.ts and ./pricing.ts).
 */
export const kinesisConfigSchema = z.strictObject({
  mode: z.enum(['provisioned', 'on-demand']).default('provisioned'),
  shards: positiveInt.default(4).describe('Shard count in provisioned mode'),
  retention: duration.prefault('24h').describe('24h (default) up to 365d'),
  producer: z
    .strictObject({ client: z.enum(['kpl', 'sdk']).default('kpl') })
    .default({ client: 'kpl' }),
  consumers: z
    .record(
      z.string(),
      z.strictObject({
        type: z.enum(['polling', 'efo']).default('polling'),
        pollInterval: duration.prefault('1500ms').describe('KCL idleTimeBetweenReadsInMillis (1500 ms in KCL >= 2.5.4)'),
      }),
    )
    .default({})
    .describe('Per consumer application (by name): how it reads'),
});

/** `kinesis:` actions on the timeline. */
export const kinesisActionSchema = z.strictObject({
  updateShardCount: positiveInt.optional(),
});

export type KinesisConfig = z.output<typeof kinesisConfigSchema>;
export type KinesisAction = z.output<typeof kinesisActionSchema>;
