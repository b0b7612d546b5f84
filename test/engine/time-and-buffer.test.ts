import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MILLISECOND, MINUTE, SECOND, formatDuration, fromMillis, fromSeconds, parseDuration, toMillis, toSeconds } from '../../src/engine/time.ts';
import { BoundedBuffer } from '../../src/engine/bounded-buffer.ts';

describe('durations in integer microseconds', () => {
  it('parses the units of scenario files', () => {
    expect(parseDuration('200ms')).toBe(200 * MILLISECOND);
    expect(parseDuration('1.5s')).toBe(1_500_000);
    expect(parseDuration('5m')).toBe(5 * MINUTE);
    expect(parseDuration('24h')).toBe(DAY);
    expect(parseDuration('7d')).toBe(7 * DAY);
    expect(parseDuration('250us')).toBe(250);
    expect(parseDuration('5 parsecs')).toBeUndefined();
    expect(parseDuration('-5s')).toBeUndefined();
  });

  it('a year is exact in microseconds (2^53 µs is about 285 years)', () => {
    const year = 365 * DAY;
    expect(Number.isSafeInteger(100 * year)).toBe(true);
    expect(100 * year + 1 - 100 * year).toBe(1);
  });

  it('formats durations in the largest exact unit, and converts both ways', () => {
    expect(formatDuration(2 * HOUR)).toBe('2h');
    expect(formatDuration(90 * SECOND)).toBe('90s');
    expect(formatDuration(1500 * MILLISECOND)).toBe('1500ms');
    expect(formatDuration(1500)).toBe('1.5ms');
    expect(formatDuration(7)).toBe('7us');
    expect(toSeconds(fromSeconds(2.5))).toBe(2.5);
    expect(toMillis(fromMillis(0.25))).toBe(0.25);
  });
});

describe('BoundedBuffer', () => {
  it('accepts what fits and refuses what would overflow, unchanged', () => {
    const buffer = new BoundedBuffer(32 * 1024 * 1024); // a 32 MiB producer buffer
    expect(buffer.tryAdd(30 * 1024 * 1024)).toBe(true);
    expect(buffer.tryAdd(3 * 1024 * 1024)).toBe(false);
    expect(buffer.level).toBe(30 * 1024 * 1024);
    expect(buffer.free).toBe(2 * 1024 * 1024);
    expect(buffer.tryAdd(2 * 1024 * 1024)).toBe(true);
    expect(buffer.free).toBe(0);
    buffer.remove(40 * 1024 * 1024);
    expect(buffer.level).toBe(0);
  });
});
