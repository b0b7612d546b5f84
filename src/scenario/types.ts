import { z } from 'zod';
import { parseDuration, type Micros } from '../engine/time.ts';
import { parseRate, parseSize, RATE_PATTERN, SIZE_PATTERN, type Rate } from './units.ts';
import { EXPECTED, SIZE, expected } from './messages.ts';

const DURATION_TOO_LONG = `${expected(EXPECTED.duration)}, at most 100000d`;
const GENERIC_POSITIVE_BYTE_RATE = `must be greater than 0: ${expected(EXPECTED.byteRate)}`;

/**
 * Value types shared by every part of the scenario schema: durations, sizes and rates written the
 * way people write them, parsed once into numbers (microseconds, bytes, per second). Each reports
 * one message, whatever is wrong with the value, saying what it should look like (messages.ts).
 */

const DURATION_TEXT = /^\s*\d+(\.\d+)?\s*(us|ms|s|m|h|d)\s*$/;

export const duration = z
  .string({ error: expected(EXPECTED.duration) })
  .regex(DURATION_TEXT, { error: expected(EXPECTED.duration) })
  .describe('A duration: a number with ms, s, m, h or d, e.g. 200ms, 5m, 24h, 7d')
  .transform((text, ctx): Micros => {
    const micros = parseDuration(text)!;
    // Microseconds are exact up to 2^53 (about 285 years); a longer value is no duration a run can use.
    if (Number.isSafeInteger(micros)) return micros;
    ctx.addIssue({ code: 'custom', message: DURATION_TOO_LONG, input: text });
    return z.NEVER;
  });

/** A duration of at least `min`; `why` names the rule (the real system's allowed range). */
export function durationAtLeast(min: Micros, why: string) {
  return duration.refine((micros) => micros >= min, { error: why });
}

/** A size in bytes; `message` replaces the generic one where a field says more (e.g. a record size). */
function sizeSchema(message: string, positive: boolean) {
  const error = expected(message);
  const bytes = positive ? z.number({ error }).positive({ error }) : z.number({ error }).nonnegative({ error });
  return z
    .union([bytes, z.string({ error }).regex(SIZE_PATTERN, { error })], { error })
    .describe('A size in bytes: a number, or text with B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024)')
    .transform((value, ctx): number => {
      const result = typeof value === 'number' ? value : parseSize(value)!;
      if (!Number.isFinite(result) || (positive && !(result > 0))) {
        ctx.addIssue({ code: 'custom', message: error, input: value });
        return z.NEVER;
      }
      return result;
    });
}

export const size = sizeSchema(EXPECTED.size, false);
export const positiveSize = sizeSchema(EXPECTED.positiveSize, true);
/** A size inside a record-size distribution, whose messages name the whole choice of forms. */
export const positiveRecordSize = sizeSchema(EXPECTED.recordSize, true);

/** A rate; `message` replaces the generic one where a field accepts more forms (a rate profile). */
export function rateSchema(message: string = EXPECTED.rate) {
  const error = expected(message);
  return z
    .union([z.number({ error }).nonnegative({ error }), z.string({ error }).regex(RATE_PATTERN, { error })], { error })
    .describe('A rate: records per second as a number or `N/s`, or bytes per second as `SIZE/s` (e.g. 5MB/s)')
    .transform((value, ctx): Rate => {
      const parsed: Rate = typeof value === 'number' ? { recordsPerSecond: value } : parseRate(value)!;
      if (Number.isFinite('bytesPerSecond' in parsed ? parsed.bytesPerSecond : parsed.recordsPerSecond)) return parsed;
      ctx.addIssue({ code: 'custom', message: error, input: value });
      return z.NEVER;
    });
}

export const rate = rateSchema();

/** A byte rate only (bandwidths, quotas): `100MB/s`, `1GiB/s`, or a number of bytes per second. */
export const byteRate = z
  .union(
    [
      z.number({ error: expected(EXPECTED.byteRate) }).nonnegative({ error: expected(EXPECTED.byteRate) }),
      z.string({ error: expected(EXPECTED.byteRate) }).regex(RATE_PATTERN, { error: expected(EXPECTED.byteRate) }),
    ],
    { error: expected(EXPECTED.byteRate) },
  )
  .describe('Bytes per second: a number, or `SIZE/s` such as 100MB/s')
  .transform((value, ctx): number => {
    if (typeof value === 'number') return value;
    const parsed = parseRate(value)!;
    if ('bytesPerSecond' in parsed && Number.isFinite(parsed.bytesPerSecond)) return parsed.bytesPerSecond;
    ctx.addIssue({ code: 'custom', message: `${expected(EXPECTED.byteRate)} (with a size unit; ${value} is records)`, input: value });
    return z.NEVER;
  });

/** A byte rate above zero (a client quota: zero would block every client forever). */
export const positiveByteRate = byteRate.refine((bytesPerSecond) => bytesPerSecond > 0, { error: GENERIC_POSITIVE_BYTE_RATE });

/** A name: non-empty text (scenario, producer and consumer names). */
export const nameSchema = z
  .string({ error: expected(EXPECTED.name) })
  .min(1, { error: expected(EXPECTED.name) })
  .refine((name) => name !== '__proto__', { error: expected(EXPECTED.reservedName) });

export const positiveInt = z.int().positive();

/** A whole number from 1 to `max`, the model's ceiling for a size (limits.ts says where each comes from). */
export const upTo = (max: number, what: string) => z.int().positive().max(max, { error: SIZE.atMost(what, max) });
export const nonNegativeInt = z.int().nonnegative();

/**
 * Settings keyed by a name the user chose (a consumer application): a mapping without a prototype,
 * so that an application named `constructor` or `toString` finds its own settings or none.
 */
export function namedSettings<V extends z.ZodType>(value: V) {
  return z.record(z.string(), value).transform((byName) => Object.assign(Object.create(null) as Record<string, z.output<V>>, byName));
}
