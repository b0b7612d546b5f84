import { z } from 'zod';
import { duration, positiveInt } from '../../scenario/types.ts';

/**
 * `systems.kafka` in a scenario file. Every default (Kafka 4.x) and price of the model is a default
 * here that a scenario can override (values and sources in ./defaults.ts and ./pricing.ts).
 */
export const kafkaConfigSchema = z.strictObject({
  deployment: z.enum(['self-managed', 'msk']).default('self-managed'),
  instance: z.string().default('m5.xlarge'),
  brokers: positiveInt.default(3),
  zones: positiveInt.default(3),
  partitions: positiveInt.default(12),
  replicationFactor: positiveInt.default(3),
  minInsyncReplicas: positiveInt.default(2),
  retention: duration.prefault('7d'),
  producer: z
    .strictObject({
      acks: z.union([z.literal(0), z.literal(1), z.literal('all')]).default('all'),
      lingerMs: z.number().nonnegative().default(5),
      batchSize: z.number().positive().default(16384),
    })
    .default({ acks: 'all', lingerMs: 5, batchSize: 16384 }),
});

/** `kafka:` actions on the timeline. */
export const kafkaActionSchema = z.strictObject({
  failBroker: z.int().nonnegative().optional(),
  for: duration.optional(),
});

export type KafkaConfig = z.output<typeof kafkaConfigSchema>;
export type KafkaAction = z.output<typeof kafkaActionSchema>;
