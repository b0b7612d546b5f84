import { describe, expect, it } from 'vitest';
import {
  constant,
  empirical,
  exponential,
  exponentialZiggurat,
  exponentialZigguratSlow,
  generalizedHarmonic,
  lognormal,
  normal,
  pareto,
  poissonCount,
  uniform,
  zipf,
  logFactorial,
  standardExponentialZiggurat,
  ZIGGURAT_EXP_KE,
  ZIGGURAT_EXP_R,
  ZIGGURAT_EXP_V,
  ZIGGURAT_EXP_WE,
  ZIGGURAT_UINT32_RANGE,
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

describe('exponential by the ziggurat (Marsaglia and Tsang 2000, 256 strips)', () => {
  /** Standard exponential draws from one seeded stream. */
  function zigguratDraws(n: number, name: string): Float64Array {
    const rng = new RandomStreams(2026).stream(`test/ziggurat/${name}`);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = standardExponentialZiggurat(rng);
    return values;
  }
  const share = (values: Float64Array, above: number) => {
    let k = 0;
    for (const v of values) if (v > above) k++;
    return k / values.length;
  };

  it('the tables describe 256 strips of equal area V = (R + 1) e^-R: the top strip x_1 (1 - e^-x_1) = V', () => {
    expect(relativeError((ZIGGURAT_EXP_R + 1) * Math.exp(-ZIGGURAT_EXP_R), ZIGGURAT_EXP_V)).toBeLessThan(1e-12);
    const x1 = ZIGGURAT_EXP_WE[1] * ZIGGURAT_UINT32_RANGE;
    expect(Math.abs((x1 * (1 - Math.exp(-x1))) / ZIGGURAT_EXP_V - 1)).toBeLessThan(1e-11);
    // Strip i spans x_i..x_(i-1) with x_255 = R; the share of the fast path is about 97.8 %.
    expect(ZIGGURAT_EXP_WE[255] * ZIGGURAT_UINT32_RANGE).toBeCloseTo(ZIGGURAT_EXP_R, 12);
    let fast = 0;
    for (let i = 0; i < 256; i++) fast += ZIGGURAT_EXP_KE[i] / ZIGGURAT_UINT32_RANGE / 256;
    expect(fast).toBeGreaterThan(0.97);
    expect(fast).toBeLessThan(0.99);
  });

  it('4,000,000 draws have mean 1 and variance 1 (standard errors 0.0005 and 0.0014)', () => {
    const n = 4_000_000;
    const values = zigguratDraws(n, 'moments');
    let sum = 0;
    let sumSq = 0;
    for (const v of values) {
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    // SE of the mean 1/sqrt(n); of the variance sqrt((mu4 - 1)/n) with mu4 = 9 for Exp(1).
    expect(Math.abs(mean - 1)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(8 / n));
  });

  it('Kolmogorov-Smirnov against 1 - e^-x over 1,000,000 draws: D below the 0.1 % critical value 1.95/sqrt(n)', () => {
    const n = 1_000_000;
    const sorted = zigguratDraws(n, 'ks').sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const cdf = -Math.expm1(-sorted[i]);
      d = Math.max(d, (i + 1) / n - cdf, cdf - i / n);
    }
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it('the tail beyond the base strip is right: P(X > 8) = e^-8 and the excess over R averages 1 (4,000,000 draws)', () => {
    const n = 4_000_000;
    const values = zigguratDraws(n, 'tail');
    const p8 = Math.exp(-8); // 3.35e-4: about 1,342 draws, SE 2.7 %
    expect(Math.abs(share(values, 8) - p8)).toBeLessThan(4.5 * Math.sqrt((p8 * (1 - p8)) / n));
    // Beyond R = 7.697 (e^-R n = 1,817 draws) the excess X - R is again Exp(1): mean 1, SE 1/sqrt(1817) = 0.023.
    let beyond = 0;
    let excess = 0;
    for (const v of values) {
      if (v > ZIGGURAT_EXP_R) {
        beyond++;
        excess += v - ZIGGURAT_EXP_R;
      }
    }
    expect(Math.abs(beyond / n - Math.exp(-ZIGGURAT_EXP_R))).toBeLessThan(4.5 * Math.sqrt(Math.exp(-ZIGGURAT_EXP_R) / n));
    expect(Math.abs(excess / beyond - 1)).toBeLessThan(4.5 / Math.sqrt(beyond));
  });

  it('is memoryless: P(X > 1 + x | X > 1) = P(X > x) = e^-x for x = 0.25, 1, 3 (2,000,000 draws)', () => {
    const n = 2_000_000;
    const values = zigguratDraws(n, 'memoryless');
    const pastOne = values.filter((v) => v > 1); // about 736,000 draws
    for (const x of [0.25, 1, 3]) {
      const p = Math.exp(-x);
      const conditional = share(pastOne, 1 + x);
      expect(Math.abs(conditional - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / pastOne.length));
      expect(Math.abs(share(values, x) - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('the rare path alone is exact: draws that fail the fast test still come out exponential (KS, 200,000 draws)', () => {
    // Feed the slow path only points it must handle: j in the wedges (j >= KE[i]) or the base strip.
    const rng = new RandomStreams(2026).stream('test/ziggurat/slow');
    const n = 200_000;
    const values = new Float64Array(n);
    let k = 0;
    let fed = 0;
    let fast = 0;
    while (k < n) {
      const j = rng.next() * ZIGGURAT_UINT32_RANGE;
      if (j < ZIGGURAT_EXP_KE[j & 255]) {
        values[k++] = j * ZIGGURAT_EXP_WE[j & 255];
        fast++;
      } else {
        values[k++] = exponentialZigguratSlow(rng, j);
        fed++;
      }
    }
    expect(fed / n).toBeGreaterThan(0.015);
    // Combined with the fast path the result is exponential only if the slow path is exact.
    const sorted = values.sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const cdf = -Math.expm1(-sorted[i]);
      d = Math.max(d, (i + 1) / n - cdf, cdf - i / n);
    }
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
    expect(fast + fed).toBe(n);
  });

  it('exponentialZiggurat(2) is a Distribution with mean 2', () => {
    const values = draw(exponentialZiggurat(2), 'exponential-ziggurat');
    expect(exponentialZiggurat(2).mean).toBe(2);
    expect(relativeError(sampleMean(values), 2)).toBeLessThan(0.01); // SE 0.2 %
    expect(relativeError(quantile(values, 0.99), 2 * Math.log(100))).toBeLessThan(0.025);
  });
});
