/**
 * Producer compression codecs (`compression.type`: none, gzip, snappy, lz4, zstd; Kafka producer
 * configs). "Compression is of full batches of data, so the efficacy of batching will also impact the
 * compression ratio" (ProducerConfig doc): a codec shrinks every byte the batch then costs on the
 * network, on disk and in replication, and costs producer CPU to compress and consumer CPU to
 * decompress. With the broker default `compression.type=producer` the broker stores the batch as sent,
 * so it spends no codec CPU (not modelled: a topic that forces a different codec).
 *
 * Figures, all from I. Babrou, "Squeezing the firehose", blog.cloudflare.com/squeezing-the-firehose (log
 * data; workload-dependent, so a scenario overrides them for its own data):
 * - snappy, lz4, zstd: ratio and single-core speeds from lzbench on one ~1 MB record batch (~600
 *   records) of the same data: zstd -1 3.794 (409 MB/s compress / 844 MB/s decompress), lz4 2.475
 *   (594 / 2,428), snappy 2.313 (446 / 1,344).
 * - gzip: no lzbench speed in the sources; ratio 3.58 and compression speed from Cloudflare's producer
 *   test (1,594-byte messages: 81.74 s vs 8.06 s per million messages without compression, i.e.
 *   1.594 GB in 73.68 s of extra CPU = 21.6 MB/s). Its decompression speed is not in the sources, so
 *   decompression is not modelled for gzip (infinite speed).
 * Ratios are for ~1 MB batches; small batches compress less (Cloudflare's producer test, with smaller
 * batches, got lz4 1.81 and snappy 2.35), so a scenario with small batches should lower `ratio`.
 *
 * src/models/kafka/defaults.ts COMPRESSION holds the same ratios and compression speeds; this module
 * adds decompression and is meant to be their single home.
 */

export type CodecName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

export interface Codec {
  name: CodecName;
  /** Uncompressed bytes per compressed byte (3.8 means the batch shrinks to 1/3.8). */
  ratio: number;
  /** Uncompressed bytes one producer core compresses per second (Infinity: no cost). */
  compressBytesPerSec: number;
  /** Uncompressed bytes one consumer core restores per second (Infinity: no cost). */
  decompressBytesPerSec: number;
}

const MB = 1e6;

export const CODECS: Record<CodecName, Codec> = {
  none: { name: 'none', ratio: 1, compressBytesPerSec: Infinity, decompressBytesPerSec: Infinity },
  gzip: { name: 'gzip', ratio: 3.58, compressBytesPerSec: (1e6 * 1594) / (81.74 - 8.06), decompressBytesPerSec: Infinity },
  snappy: { name: 'snappy', ratio: 2.313, compressBytesPerSec: 446 * MB, decompressBytesPerSec: 1344 * MB },
  lz4: { name: 'lz4', ratio: 2.475, compressBytesPerSec: 594 * MB, decompressBytesPerSec: 2428 * MB },
  zstd: { name: 'zstd', ratio: 3.794, compressBytesPerSec: 409 * MB, decompressBytesPerSec: 844 * MB },
};

/** A scenario's compression setting: the codec, optionally with its figures measured on the user's data. */
export interface CompressionSetting {
  type: CodecName;
  ratio?: number;
  compressBytesPerSec?: number;
  decompressBytesPerSec?: number;
}

/** The codec a scenario asks for, its own figures taking precedence over the defaults. */
export function resolveCodec(setting: CodecName | CompressionSetting = 'none'): Codec {
  if (typeof setting === 'string') return CODECS[setting];
  const base = CODECS[setting.type];
  return {
    name: base.name,
    ratio: setting.ratio ?? base.ratio,
    compressBytesPerSec: setting.compressBytesPerSec ?? base.compressBytesPerSec,
    decompressBytesPerSec: setting.decompressBytesPerSec ?? base.decompressBytesPerSec,
  };
}

/** Bytes a batch of `uncompressedBytes` occupies on the wire and on disk. */
export function compressedBytes(codec: Codec, uncompressedBytes: number): number {
  return Math.ceil(uncompressedBytes / codec.ratio);
}

/** One core's time to compress `uncompressedBytes`, in microseconds. */
export function compressMicros(codec: Codec, uncompressedBytes: number): number {
  return (uncompressedBytes / codec.compressBytesPerSec) * 1e6;
}

/** One core's time to decompress a batch that was `uncompressedBytes` before compression, in microseconds. */
export function decompressMicros(codec: Codec, uncompressedBytes: number): number {
  return (uncompressedBytes / codec.decompressBytesPerSec) * 1e6;
}
