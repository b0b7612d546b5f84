import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/schema.ts';

const committedPath = path.join(import.meta.dirname, '..', '..', 'scenario.schema.json');

interface JsonSchema {
  $schema?: string;
  description?: string;
  required?: string[];
  additionalProperties?: boolean;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}

describe('the scenario JSON Schema, for editors', () => {
  it('the committed scenario.schema.json matches the code', () => {
    const committed = readFileSync(committedPath, 'utf8');
    expect(committed === scenarioJsonSchemaText(), 'scenario.schema.json is out of date: run `npm run schema` and commit it').toBe(true);
  });

  const schema = scenarioJsonSchema() as JsonSchema;

  it('is draft-07, requires only the keys without defaults, and rejects unknown keys', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(['name', 'duration', 'workload']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties!.workload.properties!.producers.items!.additionalProperties).toBe(false);
  });

  it('describes the main keys, so editors show what each one means', () => {
    const root = schema.properties!;
    const producer = root.workload.properties!.producers.items!.properties!;
    const consumer = root.workload.properties!.consumers.items!.properties!;
    const described = {
      name: root.name,
      seed: root.seed,
      duration: root.duration,
      sampleInterval: root.sampleInterval,
      workload: root.workload,
      systems: root.systems,
      timeline: root.timeline,
      'producers.rate': producer.rate,
      'producers.arrivals': producer.arrivals,
      'producers.recordSize': producer.recordSize,
      'producers.keys': producer.keys,
      'consumers.instances': consumer.instances,
      'consumers.processingTime': consumer.processingTime,
      'consumers.startFrom': consumer.startFrom,
    };
    const missing = Object.entries(described)
      .filter(([, s]) => !s?.description)
      .map(([key]) => key);
    expect(missing).toEqual([]);
  });
});
