import { describe, expect, it } from 'vitest';
import {
  constant,
  empirical,
  exponential,
  generalizedHarmonic,
  lognormal,
  normal,
  pareto,
  poissonCount,
  uniform,
  zipf,
  logFactorial,
  type Distribution,
} from '../../src/engine/distributions.ts';
import { RandomStreams } from '../../src/engine/random.ts';

/**
 * Each check draws a fixed number of values from a seeded stream and compares sample statistics with
 * the exact values. Tolerances are about four standard errors at the sample size (computed beside
 * each check), so a correct sampler passes with any seed and a wrong one (a wrong scale, a
 * transformed tail) fails by a wide margin. The seed is fixed, so the tests are stable.
 */
const N = 200_000;

function draw(dist: Distribution, name: string, n = N): Float64Array {
  const rng = new RandomStreams(2026).stream(`test/distributions/${name}`);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = dist.sample(rng);
  return values;
}

function sampleMean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function sampleStdDev(values: Float64Array): number {
  const mean = sampleMean(values);
  let sum = 0;
  for (const v of values) sum += (v - mean) * (v - mean);
  return Math.sqrt(sum / (values.length - 1));
}

function quantile(values: Float64Array, p: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('continuous distributions against theory (200,000 seeded draws each)', () => {
  it('exponential(mean 2): mean 2, median 2 ln 2, p99 2 ln 100', () => {
    const values = draw(exponential(2), 'exponential');
    // SE of the mean = 2/sqrt(2e5) = 0.2 %; of the median 0.3 %; of p99 0.5 %.
    expect(relativeError(sampleMean(values), 2)).toBeLessThan(0.01);
    expect(relativeError(quantile(values, 0.5), 2 * Math.LN2)).toBeLessThan(0.015);
    expect(relativeError(quantile(values, 0.99), 2 * Math.log(100))).toBeLessThan(0.025);
    expect(exponential(2).mean).toBe(2);
  });

  it('uniform(10, 30): mean 20, quartiles 15 and 25, never outside [10, 30)', () => {
    const values = draw(uniform(10, 30), 'uniform');
    expect(relativeError(sampleMean(values), 20)).toBeLessThan(0.005); // SE 0.06 %
    expect(relativeError(quantile(values, 0.25), 15)).toBeLessThan(0.005);
    expect(relativeError(quantile(values, 0.75), 25)).toBeLessThan(0.005);
    expect(quantile(values, 0)).toBeGreaterThanOrEqual(10);
    expect(quantile(values, 1)).toBeLessThan(30);
  });

  it('normal(100, 15): mean 100, standard deviation 15, p97.5 = 100 + 1.96 × 15', () => {
    const values = draw(normal(100, 15), 'normal');
    expect(Math.abs(sampleMean(values) - 100)).toBeLessThan(0.15); // SE 0.034
    expect(relativeError(sampleStdDev(values), 15)).toBeLessThan(0.01); // SE 0.16 %
    expect(relativeError(quantile(values, 0.975), 100 + 1.959964 * 15)).toBeLessThan(0.005);
  });

  it('lognormal(median 2 KB, p99 40 KB): median and p99 as given, mean exp(mu + sigma^2 / 2)', () => {
    const dist = lognormal(2000, 40_000);
    const values = draw(dist, 'lognormal');
    expect(relativeError(quantile(values, 0.5), 2000)).toBeLessThan(0.02); // SE ~0.4 %
    expect(relativeError(quantile(values, 0.99), 40_000)).toBeLessThan(0.05); // SE ~1.2 % (heavy tail)
    // sigma = ln(20)/2.3263 = 1.2878, so mean = 2000 e^(0.8292) = 4583; coefficient of variation 2.06,
    // SE of the mean 0.46 %.
    expect(dist.mean).toBeCloseTo(2000 * Math.exp((Math.log(20) / 2.3263478740408408) ** 2 / 2), 6);
    expect(relativeError(sampleMean(values), dist.mean)).toBeLessThan(0.025);
  });

  it('pareto(scale 1, shape 3): minimum 1, mean 1.5, p99 = 100^(1/3)', () => {
    const dist = pareto(1, 3);
    const values = draw(dist, 'pareto');
    expect(quantile(values, 0)).toBeGreaterThanOrEqual(1);
    expect(dist.mean).toBe(1.5);
    expect(relativeError(sampleMean(values), 1.5)).toBeLessThan(0.01); // SD 0.87, SE 0.13 %
    expect(relativeError(quantile(values, 0.5), Math.pow(2, 1 / 3))).toBeLessThan(0.01);
    expect(relativeError(quantile(values, 0.99), Math.pow(100, 1 / 3))).toBeLessThan(0.03);
    expect(pareto(1, 1).mean).toBe(Number.POSITIVE_INFINITY);
  });

  it('constant is constant', () => {
    const values = draw(constant(7), 'constant', 100);
    expect(values.every((v) => v === 7)).toBe(true);
  });
});

describe('empirical (alias method)', () => {
  it('draws 1, 2, 3 with weights 1 : 2 : 7 in those proportions', () => {
    const dist = empirical([1, 2, 3], [1, 2, 7]);
    const values = draw(dist, 'empirical');
    const share = (x: number) => values.filter((v) => v === x).length / values.length;
    // SE of a share p is sqrt(p(1-p)/N) <= 0.0011.
    expect(Math.abs(share(1) - 0.1)).toBeLessThan(0.004);
    expect(Math.abs(share(2) - 0.2)).toBeLessThan(0.004);
    expect(Math.abs(share(3) - 0.7)).toBeLessThan(0.004);
    expect(dist.mean).toBeCloseTo(0.1 + 0.4 + 2.1, 12);
  });

  it('never draws a value of weight zero, and rejects weights that make no distribution', () => {
    const values = draw(empirical([5, 6, 7], [1, 0, 1]), 'empirical-zero', 20_000);
    expect(values.includes(6)).toBe(false);
    expect(() => empirical([])).toThrow(RangeError);
    expect(() => empirical([1, 2], [1])).toThrow(RangeError);
    expect(() => empirical([1, 2], [1, -1])).toThrow(RangeError);
    expect(() => empirical([1, 2], [0, 0])).toThrow(RangeError);
  });
});

describe('Zipf', () => {
  it('over 1,000 keys with exponent 1.1, the top ten ranks come up as often as the exact pmf says (1,000,000 draws)', () => {
    const keys = 1000;
    const exponent = 1.1;
    const draws = 1_000_000;
    const rng = new RandomStreams(2026).stream('test/zipf');
    const dist = zipf(keys, exponent);
    const counts = new Float64Array(keys + 1);
    for (let i = 0; i < draws; i++) counts[dist.sample(rng)]++;
    const norm = generalizedHarmonic(keys, exponent);
    for (let k = 1; k <= 10; k++) {
      const p = Math.pow(k, -exponent) / norm; // rank 1: 0.1583
      const standardError = Math.sqrt((p * (1 - p)) / draws); // rank 1: 0.00037
      expect(Math.abs(counts[k] / draws - p)).toBeLessThan(4.5 * standardError);
    }
    expect(counts[0]).toBe(0);
    expect(counts.slice(1).reduce((a, b) => a + b, 0)).toBe(draws);
  });

  it('with 100,000,000 keys needs no table: rank 1 takes 1/H(n, s) of the draws and the mean is exact', () => {
    const keys = 100_000_000;
    const exponent = 1.2;
    const dist = zipf(keys, exponent);
    const rng = new RandomStreams(2026).stream('test/zipf-huge');
    const draws = 500_000;
    let top = 0;
    let max = 0;
    for (let i = 0; i < draws; i++) {
      const k = dist.sample(rng);
      if (k === 1) top++;
      if (k > max) max = k;
    }
    const p1 = 1 / generalizedHarmonic(keys, exponent); // 0.2144
    expect(Math.abs(top / draws - p1)).toBeLessThan(4.5 * Math.sqrt((p1 * (1 - p1)) / draws));
    expect(max).toBeLessThanOrEqual(keys);
    expect(Number.isFinite(dist.mean)).toBe(true);
  });

  it('its mean is sum k^(1-s) / sum k^-s', () => {
    let num = 0;
    let den = 0;
    for (let k = 1; k <= 5000; k++) {
      num += Math.pow(k, -0.2);
      den += Math.pow(k, -1.2);
    }
    expect(zipf(5000, 1.2).mean).toBeCloseTo(num / den, 9);
  });

  it('the generalized harmonic number matches direct summation beyond the Euler-Maclaurin switch', () => {
    let direct = 0;
    for (let k = 123_456; k >= 1; k--) direct += Math.pow(k, -0.8);
    expect(relativeError(generalizedHarmonic(123_456, 0.8), direct)).toBeLessThan(1e-12);
  });
});

describe('Poisson counts', () => {
  for (const mean of [4, 250]) {
    it(`with mean ${mean} (${mean < 30 ? 'multiplication' : 'PTRS'}): mean and variance equal ${mean}, P(X = mode) matches the pmf`, () => {
      const rng = new RandomStreams(2026).stream(`test/poisson/${mean}`);
      const n = 200_000;
      let sum = 0;
      let sumSq = 0;
      let atMode = 0;
      const mode = Math.floor(mean);
      for (let i = 0; i < n; i++) {
        const k = poissonCount(rng, mean);
        sum += k;
        sumSq += k * k;
        if (k === mode) atMode++;
      }
      const sampleMeanValue = sum / n;
      const variance = sumSq / n - sampleMeanValue * sampleMeanValue;
      expect(relativeError(sampleMeanValue, mean)).toBeLessThan(4.5 * Math.sqrt(mean / n) / mean);
      expect(relativeError(variance, mean)).toBeLessThan(0.02); // SE of the variance ~ sqrt(2/n) = 0.3 %
      const pMode = Math.exp(-mean + mode * Math.log(mean) - logFactorial(mode));
      expect(Math.abs(atMode / n - pMode)).toBeLessThan(4.5 * Math.sqrt((pMode * (1 - pMode)) / n));
    });
  }

  it('is zero for a mean of zero', () => {
    expect(poissonCount(new RandomStreams(1).stream('x'), 0)).toBe(0);
  });

  it('logFactorial is exact for small k and matches summation for large k', () => {
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 12);
    let sum = 0;
    for (let i = 2; i <= 500; i++) sum += Math.log(i);
    expect(relativeError(logFactorial(500), sum)).toBeLessThan(1e-12);
  });
});
