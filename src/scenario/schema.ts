import { z } from 'zod';
import { duration, nameSchema } from './types.ts';
import { EXPECTED, SIZE, expected } from './messages.ts';
import { SIZE_LIMITS } from './limits.ts';
import { workloadSchema } from './workload-schema.ts';
import { timelineEntrySchema } from './timeline-schema.ts';
import { kinesisConfigSchema } from '../models/kinesis/config.ts';
import { kafkaConfigSchema } from '../models/kafka/config.ts';

const SEED = expected(EXPECTED.seed);

/** The one source of truth for scenario files: types, validation, defaults and the JSON Schema. */
export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path to scenario.schema.json, for editors'),
    name: nameSchema.describe('Scenario name; also the default output folder'),
    description: z.string().default('').describe('What the scenario shows; printed in the report'),
    seed: z
      .union([z.int({ error: SEED }).nonnegative({ error: SEED }), z.string().min(1, { error: SEED })], { error: SEED })
      .default(1)
      .describe('Seed of every random stream (default 1): same scenario and seed, same results'),
    duration: duration.describe('Simulated time, e.g. 2h or 31d'),
    sampleInterval: duration.optional().describe('Time-series resolution; chosen from the duration when absent'),
    workload: workloadSchema,
    systems: z
      .strictObject({ kinesis: kinesisConfigSchema.optional(), kafka: kafkaConfigSchema.optional() })
      .default({})
      .describe('One or both systems; the same workload runs on each'),
    timeline: z
      .array(timelineEntrySchema)
      .max(SIZE_LIMITS.timeline, { error: SIZE.atMost('timeline entries', SIZE_LIMITS.timeline) })
      .default([])
      .describe('Actions at simulated times: faults, outages, rescaling'),
  })
  .meta({ title: 'streamsim scenario', description: 'A workload, one or both systems, and a timeline of actions' });

export type Scenario = z.output<typeof scenarioSchema>;
export type SystemName = 'kinesis' | 'kafka';
export const SYSTEM_NAMES: readonly SystemName[] = ['kinesis', 'kafka'];

/** The editor-facing JSON Schema (draft-07, input side: keys with defaults are optional). */
export function scenarioJsonSchema(): object {
  return z.toJSONSchema(scenarioSchema, { target: 'draft-07', io: 'input', unrepresentable: 'any' });
}

/** The text of scenario.schema.json, as `streamsim schema` prints it and `npm run schema` commits it. */
export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
}
