import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ALEA_2_POW_MINUS_32, ALEA_MULTIPLIER, Alea, RandomStreams, Rng } from '../../src/engine/random.ts';

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

describe('alea with its state in the open', () => {
  it('a stream gives exactly the numbers of seedrandom.alea(`${seed}|${name}`): the first 1,000', () => {
    const ours = new RandomStreams(42).stream('workload/producer/events/arrivals');
    const theirs = seedrandom.alea('42|workload/producer/events/arrivals');
    for (let i = 0; i < 1000; i++) expect(ours.next()).toBe(theirs());
  });

  it('the step run inline on local copies of the state, then written back, continues the same sequence', () => {
    const reference = seedrandom.alea('7|keys');
    const rng = new RandomStreams(7).stream('keys');
    expect(rng.next()).toBe(reference());
    const alea = rng.alea;
    let { s0, s1, s2, c } = alea;
    for (let i = 0; i < 500; i++) {
      const t = ALEA_MULTIPLIER * s0 + c * ALEA_2_POW_MINUS_32;
      s0 = s1;
      s1 = s2;
      s2 = t - (c = t | 0);
      expect(s2).toBe(reference());
    }
    alea.s0 = s0;
    alea.s1 = s1;
    alea.s2 = s2;
    alea.c = c;
    for (let i = 0; i < 500; i++) expect(rng.next()).toBe(reference());
  });

  it('every output is a multiple of 2^-32, so u * 2^32 is a whole 32-bit number', () => {
    const alea = Alea.fromSeed('resolution');
    for (let i = 0; i < 10_000; i++) {
      const j = alea.next() * 4294967296;
      expect(Number.isInteger(j) && j >= 0 && j < 4294967296).toBe(true);
    }
  });

  it('an Rng built on a plain function keeps working and has no alea state to hand out', () => {
    const rng = new Rng(() => 0.25);
    expect(rng.next()).toBe(0.25);
    expect(rng.int(8)).toBe(2);
    expect(() => rng.alea).toThrow();
  });
});
