/**
 * Kafka's default partitioner for keyed records (ProducerConfig `partitioner.class` doc).
 *
 * `Utils.toPositive(Utils.murmur2(keyBytes)) % numPartitions`
 * (apache/kafka `clients/.../producer/internals/BuiltInPartitioner.java`, `partitionForKey`), so a
 * scenario's keys land on exactly the partitions a Java producer would choose. Every workload record
 * carries a key (docs/models/workload.md#keys), so the sticky partitioning Kafka applies to records
 * without a key has no part here.
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
 * hashed straight from their char codes, without allocating a byte array for each: a run may hash
 * millions of distinct keys.
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
