import { describe, expect, it } from 'vitest';
import { murmur2, murmur2Utf8, partitionForKey, toPositive } from '../../../src/models/kafka/partitioner.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('murmur2 as Kafka computes it', () => {
  // The vectors of apache/kafka clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java testMurmur2.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('murmur2(%j) is %i as in Kafka UtilsTest', (key, expected) => {
    expect(murmur2(bytes(key))).toBe(expected);
  });

  it('covers every tail length (0 to 3 leftover bytes) and the empty key without throwing', () => {
    for (const key of ['', 'a', 'ab', 'abc', 'abcd', 'abcde']) expect(Number.isInteger(murmur2(bytes(key)))).toBe(true);
  });

  it('hashing a string key gives the same value as hashing its UTF-8 bytes, ASCII or not', () => {
    for (const key of ['', 'a', 'ab', 'abc', 'foobar', 'a-little-bit-longer-string', 'clé', 'ключ-42', '键🔑']) {
      expect(murmur2Utf8(key)).toBe(murmur2(bytes(key)));
    }
    expect(murmur2Utf8('foobar')).toBe(-790332482);
  });

  it('toPositive clears the sign bit rather than negating, as Utils.toPositive does', () => {
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(-790332482)).toBe(-790332482 & 0x7fffffff);
    expect(toPositive(42)).toBe(42);
  });
});

describe('keyed records', () => {
  it('a key always maps to the same partition: murmur2("foobar") positive mod 12', () => {
    const expected = (-790332482 & 0x7fffffff) % 12;
    expect(partitionForKey('foobar', 12)).toBe(expected);
    expect(partitionForKey('foobar', 12)).toBe(partitionForKey('foobar', 12));
  });

  it('adding partitions moves most keys (why per-key order breaks when a topic grows from 12 to 16)', () => {
    let moved = 0;
    for (let i = 0; i < 1000; i++) if (partitionForKey(`user-${i}`, 12) !== partitionForKey(`user-${i}`, 16)) moved++;
    // A key keeps its partition only when h mod 12 == h mod 16; about 1/4 of hashes do (h mod 48 < 12).
    expect(moved).toBeGreaterThan(650);
    expect(moved).toBeLessThan(850);
  });

  it('10,000 distinct keys spread over 12 partitions within 15% of even', () => {
    const counts = new Array(12).fill(0);
    for (let i = 0; i < 10_000; i++) counts[partitionForKey(`key-${i}`, 12)]++;
    for (const c of counts) expect(Math.abs(c - 10_000 / 12)).toBeLessThan(0.15 * (10_000 / 12));
  });
});
