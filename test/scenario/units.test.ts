import { describe, expect, it } from 'vitest';
import { formatSize, parseRate, parseSize } from '../../src/scenario/units.ts';

describe('units as written in scenario files (README.md, "Scenario files")', () => {
  it('sizes: KB, MB, GB are powers of 1000; KiB, MiB, GiB powers of 1024', () => {
    expect(parseSize('2KB')).toBe(2000);
    expect(parseSize('1KiB')).toBe(1024);
    expect(parseSize('1.5 MiB')).toBe(1_572_864);
    expect(parseSize('512B')).toBe(512);
    expect(parseSize('2kb')).toBeUndefined();
    expect(parseSize('-1KB')).toBeUndefined();
  });

  it('rates: N/s is records, SIZE/s bytes; /m and /h divide by 60 and 3,600', () => {
    expect(parseRate('2000/s')).toEqual({ recordsPerSecond: 2000 });
    expect(parseRate('5MB/s')).toEqual({ bytesPerSecond: 5e6 });
    expect(parseRate('60/m')).toEqual({ recordsPerSecond: 1 });
    expect(parseRate('3.6GB/h')).toEqual({ bytesPerSecond: 1e6 });
    expect(parseRate('5MB')).toBeUndefined();
  });

  it('a size is shown the way a file would write it, exactly where a unit allows', () => {
    expect([2000, 1024, 40_000, 1536, 5e6, 1_048_576, 40].map(formatSize)).toEqual(['2KB', '1KiB', '40KB', '1.5KiB', '5MB', '1MiB', '40B']);
    expect(formatSize(1001)).toBe('1001B');
    expect(formatSize(2 ** 31 - 1)).toBe('2.147GB');
  });
});
