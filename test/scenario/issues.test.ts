import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { issueProblems } from '../../src/scenario/issues.ts';

/** The messages our mapper gives for a schema and an input, as `path: message`. */
function messages(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => issueProblems(issue, input, schema)).map((p) => `${p.path.join('.')}: ${p.message}`);
}

describe('zod issues in our words (the system settings use these generic messages)', () => {
  const producer = z.strictObject({
    acks: z.union([z.literal(0), z.literal(1), z.literal('all')]).default('all'),
    lingerMs: z.number().nonnegative().default(5),
    retries: z.int().positive().optional(),
    compression: z.enum(['none', 'gzip', 'lz4']).default('none'),
    brokers: z.array(z.string()).min(1).optional(),
  });

  it('a choice of literal values lists them', () => {
    expect(messages(producer, { acks: 2 })).toEqual(['acks: expected one of 0, 1, all (not 2)']);
  });

  it('numbers out of range, whole numbers, enums, lists', () => {
    expect(messages(producer, { lingerMs: -1, retries: 0.5, compression: 'zstd', brokers: [] })).toEqual([
      'lingerMs: must be at least 0',
      'retries: expected a whole number, not 0.5',
      'compression: expected one of none, gzip, lz4 (not "zstd")',
      'brokers: needs at least 1 item',
    ]);
  });

  it('a wrong type names what was given; a missing key what is expected', () => {
    expect(messages(z.strictObject({ name: z.string(), tags: z.array(z.string()) }), { tags: 'a' })).toEqual([
      'name: missing: expected text',
      'tags: expected a list, not "a"',
    ]);
  });

  it('an unknown key suggests the closest allowed one, or lists them', () => {
    expect(messages(producer, { lingerms: 5 })).toEqual(['lingerms: unknown key "lingerms": did you mean "lingerMs"?']);
    expect(messages(producer, { linger: 5 })).toEqual(['linger: unknown key "linger": did you mean "lingerMs"?']);
    expect(messages(producer, { colour: 'red' })).toEqual(['colour: unknown key "colour"; expected one of acks, lingerMs, retries, compression, brokers']);
    expect(messages(producer, { compresion: 'gzip' })).toEqual(['compresion: unknown key "compresion": did you mean "compression"?']);
  });
});
