import { z } from 'zod';

/**
 * Producer compression codecs (`compression.type`: none, gzip, snappy, lz4, zstd; reference/kafka.md
 * §1.1). "Compression is of full batches of data, so the efficacy of batching will also impact the
 * compression ratio" (ProducerConfig doc): a codec shrinks every byte the batch then costs on the
 * network, on disk and in replication, and costs producer CPU to compress and consumer CPU to
 * decompress. With the broker default `compression.type=producer` the broker stores the batch as sent,
 * so it spends no codec CPU (not modelled: a topic that forces a different codec).
 *
 * Figures, all from reference/kafka.md §1.4 (Cloudflare, "Squeezing the firehose", 2018-03-05, log
 * data; workload-dependent, so every field is overridable per scenario):
 * - snappy, lz4, zstd: ratio and single-core speeds from lzbench on one ~1 MB record batch (~600
 *   records) of the same data: zstd -1 3.794 (409 MB/s compress / 844 MB/s decompress), lz4 2.475
 *   (594 / 2,428), snappy 2.313 (446 / 1,344). CPU cost per byte = 1 / speed.
 * - gzip: no lzbench speed in the sources; ratio 3.58 and compression cost from Cloudflare's producer
 *   test (1,594-byte messages: 81.74 s vs 8.06 s per million messages without compression, i.e.
 *   73.68 s / 1.594 GB = 46.2 ns per byte). Its decompression cost is not in the sources and is not
 *   modelled (0).
 * Ratios are for ~1 MB batches; small batches compress less (the producer test, with smaller batches,
 * got lz4 1.81 and snappy 2.35), so a scenario with small batches should lower `ratio`.
 */

export type CodecName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

export interface Codec {
  name: CodecName;
  /** Uncompressed bytes per compressed byte (3.8 means the batch shrinks to 1/3.8). */
  ratio: number;
  /** Producer CPU time per uncompressed byte, nanoseconds on one core. */
  compressNanosPerByte: number;
  /** Consumer CPU time per uncompressed byte, nanoseconds on one core. */
  decompressNanosPerByte: number;
}

const nanosPerByteAt = (megabytesPerSec: number) => 1e9 / (megabytesPerSec * 1e6);

export const CODECS: Record<CodecName, Codec> = {
  none: { name: 'none', ratio: 1, compressNanosPerByte: 0, decompressNanosPerByte: 0 },
  gzip: { name: 'gzip', ratio: 3.58, compressNanosPerByte: ((81.74 - 8.06) / (1e6 * 1594)) * 1e9, decompressNanosPerByte: 0 },
  snappy: { name: 'snappy', ratio: 2.313, compressNanosPerByte: nanosPerByteAt(446), decompressNanosPerByte: nanosPerByteAt(1344) },
  lz4: { name: 'lz4', ratio: 2.475, compressNanosPerByte: nanosPerByteAt(594), decompressNanosPerByte: nanosPerByteAt(2428) },
  zstd: { name: 'zstd', ratio: 3.794, compressNanosPerByte: nanosPerByteAt(409), decompressNanosPerByte: nanosPerByteAt(844) },
};

/** `systems.kafka.producer.compression`: a codec name, or a name with any of its figures overridden. */
export const compressionSchema = z.union([
  z.enum(['none', 'gzip', 'snappy', 'lz4', 'zstd']),
  z.strictObject({
    codec: z.enum(['none', 'gzip', 'snappy', 'lz4', 'zstd']),
    ratio: z.number().min(1).optional().describe('uncompressed / compressed size of a batch'),
    compressNanosPerByte: z.number().nonnegative().optional(),
    decompressNanosPerByte: z.number().nonnegative().optional(),
  }),
]);

export type CompressionSpec = z.output<typeof compressionSchema>;

export function resolveCodec(spec: CompressionSpec = 'none'): Codec {
  if (typeof spec === 'string') return CODECS[spec];
  const base = CODECS[spec.codec];
  return {
    name: base.name,
    ratio: spec.ratio ?? base.ratio,
    compressNanosPerByte: spec.compressNanosPerByte ?? base.compressNanosPerByte,
    decompressNanosPerByte: spec.decompressNanosPerByte ?? base.decompressNanosPerByte,
  };
}

/** Bytes a batch of `uncompressedBytes` occupies on the wire and on disk. */
export function compressedBytes(codec: Codec, uncompressedBytes: number): number {
  return Math.ceil(uncompressedBytes / codec.ratio);
}

/** Producer CPU time to compress `uncompressedBytes`, in microseconds. */
export function compressMicros(codec: Codec, uncompressedBytes: number): number {
  return (uncompressedBytes * codec.compressNanosPerByte) / 1000;
}

/** Consumer CPU time to decompress a batch that was `uncompressedBytes` before compression, in microseconds. */
export function decompressMicros(codec: Codec, uncompressedBytes: number): number {
  return (uncompressedBytes * codec.decompressNanosPerByte) / 1000;
}
