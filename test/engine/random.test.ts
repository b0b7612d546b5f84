import { describe, expect, it } from 'vitest';
import { RandomStreams, type Rng } from '../../src/engine/random.ts';

function firstValues(rng: Rng, n = 5): number[] {
  return Array.from({ length: n }, () => rng.next());
}

describe('named random streams', () => {
  it('a stream depends only on (seed, name): creating and drawing from other streams first changes nothing', () => {
    const alone = firstValues(new RandomStreams(42).stream('kinesis/producer/clicks'));

    const crowded = new RandomStreams(42);
    const other = crowded.stream('kinesis/consumer/analytics/jitter');
    firstValues(other, 1000);
    crowded.stream('kafka/broker/1/disk');
    const clicks = crowded.stream('kinesis/producer/clicks');
    expect(firstValues(clicks)).toEqual(alone);
  });

  it('different names and different seeds give different numbers', () => {
    const a = firstValues(new RandomStreams(42).stream('a'));
    const b = firstValues(new RandomStreams(42).stream('b'));
    const a43 = firstValues(new RandomStreams(43).stream('a'));
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(a43);
  });

  it('two streams with different names are uncorrelated (|r| < 4/sqrt(n) over 100,000 pairs)', () => {
    const streams = new RandomStreams(7);
    const x = streams.stream('producer/0/arrivals');
    const y = streams.stream('producer/1/arrivals');
    const n = 100_000;
    let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (let i = 0; i < n; i++) {
      const u = x.next();
      const v = y.next();
      sx += u; sy += v; sxx += u * u; syy += v * v; sxy += u * v;
    }
    const r = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    expect(Math.abs(r)).toBeLessThan(4 / Math.sqrt(n));
  });

  it('the same name twice gives the same numbers (the same source seen by two systems)', () => {
    const streams = new RandomStreams('scenario-seed');
    expect(firstValues(streams.stream('workload/producer/clicks/keys'))).toEqual(firstValues(streams.stream('workload/producer/clicks/keys')));
  });
});

describe('Rng', () => {
  const rng = () => new RandomStreams(99).stream('test/rng');

  it('next is in [0, 1), nextOpen in (0, 1], int(n) in 0..n-1 and covers it', () => {
    const r = rng();
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const u = r.next();
      const o = r.nextOpen();
      const k = r.int(6);
      expect(u >= 0 && u < 1 && o > 0 && o <= 1 && Number.isInteger(k) && k >= 0 && k < 6).toBe(true);
      seen.add(k);
    }
    expect(seen.size).toBe(6);
  });

  it('chance(p) is true a share p of the time, exponential(m) averages m', () => {
    const r = rng();
    const n = 100_000;
    let hits = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (r.chance(0.3)) hits++;
      sum += r.exponential(5);
    }
    expect(Math.abs(hits / n - 0.3)).toBeLessThan(4 * Math.sqrt(0.21 / n));
    expect(Math.abs(sum / n - 5)).toBeLessThan(4 * (5 / Math.sqrt(n)));
  });
});
