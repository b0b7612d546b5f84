import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE, SECOND, collect, mean, source } from './helpers.ts';

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];

describe('record sizes', () => {
  it('fixed: every record is 2KB (2,000 bytes)', () => {
    const { sizes } = collect(source({ rate: '1000/s', recordSize: '2KB' }), SECOND, 10 * SECOND);
    expect(new Set(sizes)).toEqual(new Set([2000]));
  });

  it('lognormal: the median and 99th percentile are those asked for (2KB and 40KB)', () => {
    const { sizes } = collect(source({ rate: '1000/s', recordSize: { dist: 'lognormal', median: '2KB', p99: '40KB' } }), SECOND, 200 * SECOND);
    // 200,000 draws: the sample median and p99 are within about 1 % and 3 % of the true ones.
    expect(quantile(sizes, 0.5) / 2000).toBeCloseTo(1, 1);
    expect(Math.abs(quantile(sizes, 0.99) / 40_000 - 1)).toBeLessThan(0.05);
  });

  it('uniform: between min and max, with their average as mean', () => {
    const { sizes } = collect(source({ rate: '1000/s', recordSize: { dist: 'uniform', min: '1KB', max: '3KB' } }), SECOND, 100 * SECOND);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3000);
    // 100,000 draws, sd 577 bytes: the mean is within 4 * 577 / sqrt(1e5) = 7 bytes of 2,000.
    expect(Math.abs(mean(sizes) - 2000)).toBeLessThan(7.3);
  });
});

describe('partition keys', () => {
  it('uniform over 100 keys: each key gets its share of 100,000 records', () => {
    const { keys } = collect(source({ rate: '1000/s', keys: { count: 100 } }), SECOND, 100 * SECOND);
    const counts = new Array(100).fill(0);
    for (const k of keys) counts[k]++;
    // Each count is binomial(n, 1/100): sd sqrt(n * 0.01 * 0.99), about 31 for n = 100,000.
    const sd = Math.sqrt(keys.length * 0.01 * 0.99);
    for (const c of counts) expect(Math.abs(c - keys.length / 100)).toBeLessThan(5 * sd);
  });

  it('Zipf with exponent 1.1 over 1,000 keys: the hottest key takes 1/H(1000, 1.1) = 14.7 % of records, key 2 half of that', () => {
    const { keys } = collect(source({ rate: '1000/s', keys: { count: 1000, dist: 'zipf', exponent: 1.1 } }), SECOND, 100 * SECOND);
    let harmonic = 0;
    for (let k = 1; k <= 1000; k++) harmonic += k ** -1.1;
    const share = (key: number) => keys.filter((k) => k === key).length / keys.length;
    expect(Math.abs(share(0) - 1 / harmonic)).toBeLessThan(0.005);
    expect(share(0) / share(1)).toBeGreaterThan(2 ** 1.1 * 0.95);
    expect(share(0) / share(1)).toBeLessThan(2 ** 1.1 * 1.05);
    expect(Math.max(...keys)).toBeLessThan(1000);
    expect(Math.min(...keys)).toBe(0);
  });
});

describe('the records do not depend on how they are pulled', () => {
  const specs: Record<string, Record<string, unknown>> = {
    'Poisson, lognormal sizes, Zipf keys': { rate: '2000/s', recordSize: { dist: 'lognormal', median: '2KB', p99: '40KB' }, keys: { count: 1000, dist: 'zipf', exponent: 1.1 } },
    'constant arrivals on a schedule': { arrivals: 'constant', rate: { schedule: [{ at: '0s', rate: '300/s' }, { at: '20s', rate: '3000/s' }] } },
    'diurnal Poisson': { rate: { diurnal: { mean: '500/s', amplitude: 0.8, peakAt: '30s' } }, recordSize: { dist: 'uniform', min: '100B', max: '10KB' } },
  };
  for (const [label, spec] of Object.entries(specs)) {
    it(`${label}: pulling every 1 ms or every 1 s gives the same times, keys and sizes`, () => {
      const fine = collect(source(spec), 1000, MINUTE);
      const coarse = collect(source(spec), SECOND, MINUTE);
      expect(fine.times.length).toBeGreaterThan(10_000);
      expect(coarse.times).toEqual(fine.times);
      expect(coarse.keys).toEqual(fine.keys);
      expect(coarse.sizes).toEqual(fine.sizes);
    });
  }

  const rateChanges: Record<string, Record<string, unknown>> = {
    'Poisson 300/s then 3,000/s at 20 s, uniform keys, fixed size': { rate: { schedule: [{ at: '0s', rate: '300/s' }, { at: '20s', rate: '3000/s' }] } },
    'Poisson 2,000/s, silent from 10 s to 30 s, then 500/s, lognormal sizes': {
      rate: { schedule: [{ at: '0s', rate: '2000/s' }, { at: '10s', rate: '0/s' }, { at: '30s', rate: '500/s' }] },
      recordSize: { dist: 'lognormal', median: '2KB', p99: '40KB' },
    },
  };
  for (const [label, spec] of Object.entries(rateChanges)) {
    it(`${label}: 1.2 million pulls 50 us apart (most find nothing) give the records of one pull at the end`, () => {
      const tiny = collect(source(spec), 50, MINUTE);
      const src = source(spec);
      const whole = collect(src, MINUTE, MINUTE);
      expect(whole.times.length).toBeGreaterThan(30_000);
      expect(tiny.times).toEqual(whole.times);
      expect(tiny.keys).toEqual(whole.keys);
      expect(tiny.sizes).toEqual(whole.sizes);
      expect(src.offeredBytes).toBe(whole.sizes.reduce((a, b) => a + b, 0));
    });
  }

  it('Poisson gaps at a constant 1,000/s are exponential with mean 1 ms: mean, P(gap > 3 ms) = e^-3 and none negative', () => {
    const { times } = collect(source({ rate: '1000/s' }), SECOND, 200 * SECOND);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // About 200,000 gaps: SE of the mean 1,000/sqrt(2e5) = 2.2 us; of the share beyond 3 ms 0.00011.
    expect(Math.abs(mean(gaps) - 1000)).toBeLessThan(4.5 * (1000 / Math.sqrt(gaps.length)));
    const p3 = Math.exp(-3);
    const beyond = gaps.filter((g) => g > 3000).length / gaps.length;
    expect(Math.abs(beyond - p3)).toBeLessThan(4.5 * Math.sqrt((p3 * (1 - p3)) / gaps.length));
    expect(gaps.every((g) => g >= 0)).toBe(true);
  });

  it('a producer\'s records depend on the seed and its own name only, not on other producers', () => {
    const alone = collect(source({ name: 'clicks', rate: '100/s' }, 7), SECOND, MINUTE);
    const again = collect(source({ name: 'clicks', rate: '100/s' }, 7), SECOND, MINUTE);
    const otherSeed = collect(source({ name: 'clicks', rate: '100/s' }, 8), SECOND, MINUTE);
    const otherName = collect(source({ name: 'views', rate: '100/s' }, 7), SECOND, MINUTE);
    expect(again).toEqual(alone);
    expect(otherSeed.times).not.toEqual(alone.times);
    expect(otherName.times).not.toEqual(alone.times);
  });

  it('records come in time order and the offered totals count every record pulled', () => {
    const src = source({ rate: '1000/s', recordSize: { dist: 'uniform', min: '1KB', max: '3KB' } });
    const { times, sizes } = collect(src, 250_000, HOUR / 60);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
    expect(src.offeredRecords).toBe(times.length);
    expect(src.offeredBytes).toBe(sizes.reduce((a, b) => a + b, 0));
  });
});
