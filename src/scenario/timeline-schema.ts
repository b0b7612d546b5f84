import { z } from 'zod';
import { duration, nonNegativeInt } from './types.ts';
import { CHECK } from './messages.ts';
import { kinesisActionSchema } from '../models/kinesis/config.ts';
import { kafkaActionSchema } from '../models/kafka/config.ts';

/**
 * A timeline entry: at `at`, one or more actions. `kinesis:` and `kafka:` act on that system only;
 * the others act on every system in the file, each in its own terms.
 */
export const timelineEntrySchema = z
  .strictObject({
    at: duration.describe('When, from the start of the run, e.g. 30m'),
    kinesis: kinesisActionSchema.optional(),
    kafka: kafkaActionSchema.optional(),
    zoneOutage: z
      .strictObject({ zone: nonNegativeInt.describe('Zone index, from 0'), for: duration.optional() })
      .optional()
      .describe('Every broker, shard replica and consumer instance in the zone goes down'),
    consumerOutage: z
      .strictObject({ app: z.string(), for: duration.optional() })
      .optional()
      .describe('Every instance of the application stops (and restarts after `for`)'),
    consumerFailure: z
      .strictObject({ app: z.string(), instance: nonNegativeInt.default(0), for: duration.optional() })
      .optional()
      .describe('One instance crashes without a clean shutdown (and restarts after `for`)'),
  })
  .refine((entry) => Object.keys(entry).some((key) => key !== 'at'), { message: CHECK.timelineEntryWithoutAction });

export type TimelineEntry = z.output<typeof timelineEntrySchema>;
