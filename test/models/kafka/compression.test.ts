import { describe, expect, it } from 'vitest';
import { CODECS, compressedBytes, compressionSchema, compressMicros, decompressMicros, resolveCodec } from '../../../src/models/kafka/compression.ts';

describe('compression codecs (Cloudflare 2018 measurements, reference/kafka.md §1.4)', () => {
  it('a 1 MB batch of log data shrinks to about 264 KB with zstd and 404 KB with lz4', () => {
    expect(compressedBytes(CODECS.zstd, 1e6)).toBe(Math.ceil(1e6 / 3.794));
    expect(compressedBytes(CODECS.lz4, 1e6)).toBe(Math.ceil(1e6 / 2.475));
    expect(compressedBytes(CODECS.none, 1e6)).toBe(1e6);
  });

  it('compressing 1 MB takes one core about 2.4 ms with zstd at 409 MB/s and about 46 ms with gzip', () => {
    expect(compressMicros(CODECS.zstd, 1e6)).toBeCloseTo(1e6 / 409, 6);
    expect(compressMicros(CODECS.gzip, 1e6) / 1000).toBeCloseTo(46.22, 1); // ms
    expect(compressMicros(CODECS.none, 1e6)).toBe(0);
  });

  it('decompression is cheaper than compression for every measured codec (lz4 2,428 vs 594 MB/s)', () => {
    for (const codec of [CODECS.snappy, CODECS.lz4, CODECS.zstd]) {
      expect(decompressMicros(codec, 1e6)).toBeLessThan(compressMicros(codec, 1e6));
    }
  });

  it('gzip compresses better than snappy and lz4 but costs far more CPU, as in the producer test', () => {
    expect(CODECS.gzip.ratio).toBeGreaterThan(CODECS.snappy.ratio);
    expect(CODECS.gzip.compressNanosPerByte).toBeGreaterThan(10 * CODECS.lz4.compressNanosPerByte);
  });

  it('a scenario can name a codec or override its figures for its own data', () => {
    expect(resolveCodec(compressionSchema.parse('snappy'))).toBe(CODECS.snappy);
    const custom = resolveCodec(compressionSchema.parse({ codec: 'zstd', ratio: 1.2 }));
    expect(custom.ratio).toBe(1.2);
    expect(custom.compressNanosPerByte).toBe(CODECS.zstd.compressNanosPerByte);
    expect(resolveCodec()).toBe(CODECS.none);
    expect(compressionSchema.safeParse({ codec: 'brotli' }).success).toBe(false);
    expect(compressionSchema.safeParse({ codec: 'lz4', ratio: 0.5 }).success).toBe(false);
  });
});
