import { z } from 'zod';
import { parseDuration, type Micros } from '../engine/time.ts';
import { parseRate, parseSize, RATE_PATTERN, SIZE_PATTERN, type Rate } from './units.ts';

/**
 * Value types shared by every part of the scenario schema: durations, sizes and rates written the
 * way people write them, parsed once into numbers (microseconds, bytes, per second).
 */

const DURATION_TEXT = /^\s*\d+(\.\d+)?\s*(us|ms|s|m|h|d)\s*$/;

export const duration = z
  .string()
  .regex(DURATION_TEXT, { message: 'expected a duration such as 200ms, 30s, 5m, 24h or 7d' })
  .describe('A duration: a number with ms, s, m, h or d, e.g. 200ms, 5m, 24h, 7d')
  .transform((text): Micros => parseDuration(text)!);

export const size = z
  .union([
    z.number().nonnegative(),
    z.string().regex(SIZE_PATTERN, { message: 'expected a size such as 512B, 2KB, 1MiB (KB = 1000 bytes, KiB = 1024)' }),
  ])
  .describe('A size in bytes: a number, or text with B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024)')
  .transform((value): number => (typeof value === 'number' ? value : parseSize(value)!));

export const positiveSize = size.refine((bytes) => bytes > 0, { message: 'must be greater than zero' });

export const rate = z
  .union([
    z.number().nonnegative(),
    z.string().regex(RATE_PATTERN, { message: 'expected a rate such as 2000/s (records) or 5MB/s (bytes)' }),
  ])
  .describe('A rate: records per second as a number or `N/s`, or bytes per second as `SIZE/s` (e.g. 5MB/s)')
  .transform((value): Rate => (typeof value === 'number' ? { recordsPerSecond: value } : parseRate(value)!));

/** A byte rate only (bandwidths, quotas): `100MB/s`, `1GiB/s`, or a number of bytes per second. */
export const byteRate = z
  .union([
    z.number().nonnegative(),
    z.string().regex(RATE_PATTERN, { message: 'expected a byte rate such as 100MB/s or 1GiB/s' }),
  ])
  .describe('Bytes per second: a number, or `SIZE/s` such as 100MB/s')
  .transform((value, ctx): number => {
    if (typeof value === 'number') return value;
    const parsed = parseRate(value)!;
    if ('bytesPerSecond' in parsed) return parsed.bytesPerSecond;
    ctx.addIssue({ code: 'custom', message: 'expected a byte rate with a size unit, such as 100MB/s' });
    return z.NEVER;
  });

export const positiveInt = z.int().positive();
export const nonNegativeInt = z.int().nonnegative();
