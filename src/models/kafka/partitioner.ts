import type { Rng } from '../../engine/random.ts';

/**
 * Kafka's default partitioner (reference/kafka.md §1.2).
 *
 * Keyed records: `Utils.toPositive(Utils.murmur2(keyBytes)) % numPartitions`
 * (apache/kafka `clients/.../producer/internals/BuiltInPartitioner.java`, `partitionForKey`), so a
 * scenario's keys land on exactly the partitions a Java producer would choose. Null keys: the KIP-794
 * "strictly uniform sticky" partitioner (Kafka >= 3.3): stick to one partition until `batch.size`
 * bytes were produced to it, then pick the next one uniformly at random.
 */

/** Seed of Kafka's murmur2. apache/kafka `clients/src/main/java/org/apache/kafka/common/utils/Utils.java` `murmur2`. */
const MURMUR2_SEED = 0x9747b28c;

const utf8 = new TextEncoder();

/** Multiplier of Kafka's murmur2 (same source). */
const MURMUR2_M = 0x5bd1e995;
/** Shift of Kafka's murmur2 (same source). */
const MURMUR2_R = 24;

/**
 * Kafka's `Utils.murmur2`: MurmurHash2, 32-bit, seed 0x9747b28c, little-endian 4-byte blocks. Returns
 * the signed 32-bit value Java returns (e.g. "foobar" -> -790332482, UtilsTest.testMurmur2).
 */
export function murmur2(bytes: Uint8Array): number {
  const length = bytes.length;
  let h = (MURMUR2_SEED ^ length) | 0;
  const blocks = length >>> 2;
  for (let i = 0; i < blocks; i++) {
    const i4 = i * 4;
    h = mixBlock(h, bytes[i4] | (bytes[i4 + 1] << 8) | (bytes[i4 + 2] << 16) | (bytes[i4 + 3] << 24));
  }
  const tail = length & ~3;
  const remaining = length & 3;
  return finish(h, remaining, remaining >= 3 ? bytes[tail + 2] : 0, remaining >= 2 ? bytes[tail + 1] : 0, remaining >= 1 ? bytes[tail] : 0);
}

/**
 * murmur2 of a string's UTF-8 bytes (what Kafka's StringSerializer sends as the key). ASCII keys are
 * hashed straight from their char codes, without allocating a byte array: keys are hashed once per
 * record, so this is on the hot path (about 6x faster than encoding first).
 */
export function murmur2Utf8(key: string): number {
  const length = key.length;
  for (let i = 0; i < length; i++) {
    if (key.charCodeAt(i) > 0x7f) return murmur2(utf8.encode(key));
  }
  let h = (MURMUR2_SEED ^ length) | 0;
  const blocks = length >>> 2;
  for (let i = 0; i < blocks; i++) {
    const i4 = i * 4;
    h = mixBlock(h, key.charCodeAt(i4) | (key.charCodeAt(i4 + 1) << 8) | (key.charCodeAt(i4 + 2) << 16) | (key.charCodeAt(i4 + 3) << 24));
  }
  const tail = length & ~3;
  const remaining = length & 3;
  return finish(h, remaining, remaining >= 3 ? key.charCodeAt(tail + 2) : 0, remaining >= 2 ? key.charCodeAt(tail + 1) : 0, remaining >= 1 ? key.charCodeAt(tail) : 0);
}

function mixBlock(h: number, block: number): number {
  let k = Math.imul(block, MURMUR2_M);
  k ^= k >>> MURMUR2_R;
  k = Math.imul(k, MURMUR2_M);
  return Math.imul(h, MURMUR2_M) ^ k;
}

/**
 * The tail and final mix. Java's switch falls through from 3 to 2 to 1; written out here because
 * tsconfig sets noFallthroughCasesInSwitch.
 */
function finish(hash: number, remaining: number, byte2: number, byte1: number, byte0: number): number {
  let h = hash;
  if (remaining >= 3) h ^= byte2 << 16;
  if (remaining >= 2) h ^= byte1 << 8;
  if (remaining >= 1) {
    h ^= byte0;
    h = Math.imul(h, MURMUR2_M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, MURMUR2_M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's `Utils.toPositive`: clears the sign bit (not Math.abs, which would map MIN_VALUE to itself). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/** The partition Kafka's producer picks for a string key (StringSerializer encodes UTF-8). */
export function partitionForKey(key: string, numPartitions: number): number {
  return toPositive(murmur2Utf8(key)) % numPartitions;
}

/**
 * KIP-794 strictly uniform sticky partitioner for records without a key (Kafka >= 3.3 default;
 * reference/kafka.md §1.2). All null-key records go to one partition until at least `batch.size`
 * bytes were appended to it ("choose the sticky partition that changes when at least batch.size
 * bytes are produced to the partition", ProducerConfig PARTITIONER_CLASS_DOC); the next partition is
 * drawn uniformly over all partitions (BuiltInPartitioner.nextPartition without load stats: it may
 * draw the same partition again).
 *
 * Adaptive partitioning (`partitioner.adaptive.partitioning.enable`, default true), which weights the
 * draw toward partitions with shorter queues, i.e. faster brokers, applies when the caller passes the
 * per-partition queue sizes to `setQueueSizes`. Not modelled: the linger-aware deferral that lets a
 * switch wait until up to 2 x batch.size while the batch is not ready to send, and excluding slow
 * partitions after `partitioner.availability.timeout.ms` (default 0, disabled).
 */
export class StickyPartitioner {
  private current: number;
  private producedBytes = 0;
  private cumulativeWeights: number[] | undefined;

  constructor(
    private readonly numPartitions: number,
    private readonly batchSizeBytes: number,
    private readonly rng: Rng,
  ) {
    if (!(numPartitions >= 1)) throw new RangeError(`numPartitions must be >= 1, got ${numPartitions}`);
    // BuiltInPartitioner: "stickyBatchSize must be >= 1".
    if (!(batchSizeBytes >= 1)) throw new RangeError(`batch.size must be >= 1 byte, got ${batchSizeBytes}`);
    this.current = this.nextPartition();
  }

  /** The partition the next null-key record goes to. */
  partition(): number {
    return this.current;
  }

  /** Records bytes appended to `partition`; switches once the sticky partition has batch.size bytes. */
  onBytesProduced(partition: number, bytes: number): void {
    if (partition !== this.current) return;
    this.producedBytes += bytes;
    if (this.producedBytes >= this.batchSizeBytes) {
      this.current = this.nextPartition();
      this.producedBytes = 0;
    }
  }

  /**
   * Adaptive partitioning (KIP-794): the next draw weights partition i by (maxQueue + 1 - queue[i]),
   * exactly as BuiltInPartitioner.updatePartitionLoadStats builds its cumulative frequency table.
   * Pass undefined (or equal sizes) to return to the uniform draw.
   */
  setQueueSizes(queueSizes: readonly number[] | undefined): void {
    if (queueSizes && queueSizes.length !== this.numPartitions) {
      throw new RangeError(`expected ${this.numPartitions} queue sizes, got ${queueSizes.length}`);
    }
    if (!queueSizes || queueSizes.length < 2 || queueSizes.every((q) => q === queueSizes[0])) {
      this.cumulativeWeights = undefined;
      return;
    }
    const maxPlusOne = Math.max(...queueSizes) + 1;
    let running = 0;
    this.cumulativeWeights = queueSizes.map((q) => (running += maxPlusOne - q));
  }

  private nextPartition(): number {
    const weights = this.cumulativeWeights;
    if (!weights) return this.rng.int(this.numPartitions);
    const draw = this.rng.int(weights[weights.length - 1]);
    // First cumulative weight strictly greater than the draw.
    let lo = 0;
    let hi = weights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (weights[mid] > draw) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
