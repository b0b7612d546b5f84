import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/engine/token-bucket.ts';
import { MILLISECOND, SECOND } from '../../src/engine/time.ts';

describe('TokenBucket', () => {
  for (const { rate, offerEveryMicros } of [
    { rate: 1000, offerEveryMicros: 100 },
    { rate: 300, offerEveryMicros: 1000 },
    { rate: 7, offerEveryMicros: 1 },
  ]) {
    it(`admits exactly rate × t + burst: ${rate}/s with a burst of 10, offered one token every ${offerEveryMicros} µs for 2 s, admits ${rate * 2 + 10}`, () => {
      // Refilling in floating-point tokens loses the last token to rounding (0.1 + 0.1 + ... < 1);
      // the balance is kept in exact token-microseconds instead.
      const bucket = new TokenBucket(rate, 10);
      let admitted = 0;
      for (let t = 0; t <= 2 * SECOND; t += offerEveryMicros) if (bucket.tryTake(1, t)) admitted++;
      expect(admitted).toBe(rate * 2 + 10);
    });
  }

  it('admits exactly rate × t + burst for a byte bucket of 1 MiB/s offered 25 KiB requests every 10 ms for 60 s', () => {
    const MiB = 1024 * 1024;
    const bucket = new TokenBucket(MiB, MiB);
    let admittedBytes = 0;
    for (let t = 0; t <= 60 * SECOND; t += 10 * MILLISECOND) if (bucket.tryTake(25 * 1024, t)) admittedBytes += 25 * 1024;
    // 61 MiB can be admitted in total; requests are whole 25 KiB, so the total is the largest
    // multiple of 25 KiB that fits: floor(61 MiB / 25 KiB) = 2498 requests.
    expect(admittedBytes).toBe(Math.floor((61 * MiB) / (25 * 1024)) * 25 * 1024);
  });

  it('never holds more than its capacity however long it idles', () => {
    const bucket = new TokenBucket(1000, 500);
    expect(bucket.available(3600 * SECOND)).toBe(500);
  });

  it('timeUntil says exactly how long to wait, and after that wait the take succeeds', () => {
    const bucket = new TokenBucket(1000, 1000);
    expect(bucket.tryTake(1000, 0)).toBe(true);
    expect(bucket.timeUntil(500, 0)).toBe(500 * MILLISECOND);
    expect(bucket.tryTake(500, 500 * MILLISECOND - 1)).toBe(false);
    expect(bucket.tryTake(500, 500 * MILLISECOND)).toBe(true);
    expect(bucket.timeUntil(2000, 0)).toBe(Number.POSITIVE_INFINITY); // more than the burst depth
  });

  it('timeUntil is never too short for a rate that is not a whole number', () => {
    const bucket = new TokenBucket(1000 / 3, 10);
    bucket.forceTake(10, 0);
    for (const amount of [1, 2, 3.5, 7]) {
      const wait = bucket.timeUntil(amount, 0);
      const probe = new TokenBucket(1000 / 3, 10);
      probe.forceTake(10, 0);
      expect(probe.tryTake(amount, wait)).toBe(true);
    }
  });

  it('with borrowing, a take succeeds while any tokens are left and the debt blocks later takes until repaid', () => {
    // Capacity 1,000, debt up to 1,000: a 1,500 take from a full bucket leaves -500.
    const bucket = new TokenBucket(1000, 1000, 1000);
    expect(bucket.tryTake(1500, 0)).toBe(true);
    expect(bucket.available(0)).toBe(-500);
    expect(bucket.tryTake(1, 0)).toBe(false);
    // The balance is positive again one microsecond after 0.5 s.
    expect(bucket.timeUntilTake(1, 0)).toBe(500 * MILLISECOND + 1);
    expect(bucket.tryTake(1, 500 * MILLISECOND)).toBe(false);
    expect(bucket.tryTake(1, 500 * MILLISECOND + 1)).toBe(true);
    // A take larger than capacity + debt can never succeed.
    expect(bucket.timeUntilTake(2001, SECOND)).toBe(Number.POSITIVE_INFINITY);
  });

  it('without borrowing a take never drives the balance negative', () => {
    const bucket = new TokenBucket(10, 5);
    expect(bucket.tryTake(6, 0)).toBe(false);
    expect(bucket.available(0)).toBe(5);
  });

  it('takeUpTo takes what is there and never borrows', () => {
    const bucket = new TokenBucket(100, 50);
    expect(bucket.takeUpTo(30, 0)).toBe(30);
    expect(bucket.takeUpTo(30, 0)).toBe(20);
    expect(bucket.takeUpTo(30, 0)).toBe(0);
    expect(bucket.takeUpTo(-5, 0)).toBe(0);
    expect(bucket.available(0)).toBe(0);
  });

  it('setRate keeps the tokens earned so far and refills at the new rate from then on', () => {
    const bucket = new TokenBucket(1000, 10_000);
    bucket.forceTake(10_000, 0);
    bucket.setRate(2000, SECOND); // 1,000 earned at the old rate
    expect(bucket.available(2 * SECOND)).toBe(3000);
    expect(bucket.ratePerSecond).toBe(2000);
  });

  it('takes tried on copies (save, tryTakeBothOn, restore) leave the buckets as the same takes made on them', () => {
    const times = Float64Array.from({ length: 40 }, (_, i) => 1_000 + i * 37 * MILLISECOND);
    const records = Float64Array.from({ length: 40 }, (_, i) => 3 + (i % 7) * 11);
    const bytes = Float64Array.from(records, (r) => r * 1_000);
    const make = () => {
      const pair = { records: new TokenBucket(1000, 1000, 0, 0), bytes: new TokenBucket(1_000_000, 1_000_000, 0, 0) };
      pair.records.tryTake(900, 0);
      return pair;
    };
    const direct = make();
    const tried = make();
    const copy = new Float64Array(8);
    tried.records.save(copy, 0);
    tried.bytes.save(copy, 4);
    expect(TokenBucket.tryTakeBothOn(copy, 0, records, 4, bytes, times, 0, times.length)).toBe(true);
    tried.records.restore(copy, 0);
    tried.bytes.restore(copy, 4);
    for (let i = 0; i < times.length; i++) {
      expect(direct.records.tryTake(records[i], times[i])).toBe(true);
      expect(direct.bytes.tryTake(bytes[i], times[i])).toBe(true);
    }
    expect(tried.records.available(2 * SECOND)).toBe(direct.records.available(2 * SECOND));
    expect(tried.bytes.available(2 * SECOND)).toBe(direct.bytes.available(2 * SECOND));
    // A sequence with a take either bucket cannot cover fails, and the copies are left as they were.
    tried.records.save(copy, 0);
    tried.bytes.save(copy, 4);
    const before = Array.from(copy);
    const at = Float64Array.of(2 * SECOND, 2 * SECOND);
    expect(TokenBucket.tryTakeBothOn(copy, 0, Float64Array.of(1, 1), 4, Float64Array.of(600_000, 600_000), at, 0, 2)).toBe(false);
    expect(Array.from(copy)).toEqual(before);
  });
});
