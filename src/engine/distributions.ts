import type { Rng } from './random.ts';

/** A source of random values; `mean` is exact where it is known in closed form. */
export interface Distribution {
  sample(rng: Rng): number;
  readonly mean: number;
}

export function constant(value: number): Distribution {
  return { sample: () => value, mean: value };
}

export function exponential(mean: number): Distribution {
  return { sample: (rng) => -mean * Math.log(1 - rng.next()), mean };
}

/*
 * Exponential variates by the ziggurat method: Marsaglia and Tsang (2000), "The Ziggurat Method for
 * Generating Random Variables", Journal of Statistical Software 5(8), procedure REXP with 256 strips.
 * The density e^-x is covered by 255 horizontal strips plus a base strip (a rectangle and the tail
 * beyond R), all of area V. A 32-bit uniform j picks strip i = j & 255 and a point x = j * WE[i]
 * under it; when j < KE[i] the point lies inside the part of strip i that is wholly under the curve
 * (97.8 % of draws), and x is returned with one multiplication and no logarithm. The rest
 * (`exponentialZigguratSlow`) is exact: the base strip returns R - ln(u) in the tail (the exponential
 * is memoryless beyond R), and a strip's wedge is accepted by comparing with e^-x; a rejected point
 * starts over with a fresh j. Using j's low byte both as strip index and inside x only moves x by
 * less than 2^-24 of the strip's width, as in the paper. With the paper's R and V the computed top
 * strip's area is V to within 8e-13 relative, far below what any sample can see.
 */

/** Where the base strip's tail starts: x_255 = R for 256 strips (Marsaglia and Tsang 2000, REXP's `de`). */
export const ZIGGURAT_EXP_R = 7.697117470131487;
/** Area of each strip, V = (R + 1) e^-R (Marsaglia and Tsang 2000, REXP's `ve`). */
export const ZIGGURAT_EXP_V = 3.949659822581572e-3;
/** 2^32: scales an alea output (a multiple of 2^-32 in [0, 1)) to the paper's 32-bit unsigned j. */
export const ZIGGURAT_UINT32_RANGE = 4294967296;
/** Strips in the ziggurat; `j & ZIGGURAT_EXP_INDEX_MASK` is the strip index. */
export const ZIGGURAT_EXP_STRIPS = 256;
export const ZIGGURAT_EXP_INDEX_MASK = ZIGGURAT_EXP_STRIPS - 1;

/** Per strip: j below KE[i] is wholly under the curve (the paper's `ke`). */
export const ZIGGURAT_EXP_KE = new Float64Array(ZIGGURAT_EXP_STRIPS);
/** Per strip: x = j * WE[i] (the paper's `we`: strip width / 2^32). */
export const ZIGGURAT_EXP_WE = new Float64Array(ZIGGURAT_EXP_STRIPS);
/** Per strip: e^-x at the strip's right edge (the paper's `fe`); FE[i - 1] is the top of strip i. */
export const ZIGGURAT_EXP_FE = new Float64Array(ZIGGURAT_EXP_STRIPS);

// Marsaglia and Tsang's table set-up (REXP's zigset), in double precision, once at module load.
{
  let de = ZIGGURAT_EXP_R;
  let te = de;
  const q = ZIGGURAT_EXP_V / Math.exp(-de);
  const m = ZIGGURAT_UINT32_RANGE;
  ZIGGURAT_EXP_KE[0] = (de / q) * m;
  ZIGGURAT_EXP_KE[1] = 0;
  ZIGGURAT_EXP_WE[0] = q / m;
  ZIGGURAT_EXP_WE[255] = de / m;
  ZIGGURAT_EXP_FE[0] = 1;
  ZIGGURAT_EXP_FE[255] = Math.exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -Math.log(ZIGGURAT_EXP_V / de + Math.exp(-de));
    ZIGGURAT_EXP_KE[i + 1] = (de / te) * m;
    te = de;
    ZIGGURAT_EXP_FE[i] = Math.exp(-de);
    ZIGGURAT_EXP_WE[i] = de / m;
  }
}

/** A source of uniforms on [0, 1) that are multiples of 2^-32 (an Alea or an Rng built on one). */
export interface Uniform32Source {
  next(): number;
}

/**
 * The ziggurat's rare path (the paper's `efix`), for a j that failed the fast test `j < KE[j & 255]`;
 * draws further uniforms from `source` as needed. A loop that runs the fast path inline on local
 * copies of an Alea's state writes them back before calling this, and reloads them after.
 */
export function exponentialZigguratSlow(source: Uniform32Source, j: number): number {
  for (;;) {
    const i = j & ZIGGURAT_EXP_INDEX_MASK;
    if (i === 0) return ZIGGURAT_EXP_R - Math.log(1 - source.next()); // the tail: memoryless beyond R
    const x = j * ZIGGURAT_EXP_WE[i];
    const top = ZIGGURAT_EXP_FE[i - 1];
    const bottom = ZIGGURAT_EXP_FE[i];
    if (bottom + source.next() * (top - bottom) < Math.exp(-x)) return x;
    j = source.next() * ZIGGURAT_UINT32_RANGE;
    if (j < ZIGGURAT_EXP_KE[j & ZIGGURAT_EXP_INDEX_MASK]) return j * ZIGGURAT_EXP_WE[j & ZIGGURAT_EXP_INDEX_MASK];
  }
}

/** A standard exponential (mean 1) by the ziggurat: the fast path, then the exact rare path. */
export function standardExponentialZiggurat(source: Uniform32Source): number {
  const j = source.next() * ZIGGURAT_UINT32_RANGE;
  const i = j & ZIGGURAT_EXP_INDEX_MASK;
  if (j < ZIGGURAT_EXP_KE[i]) return j * ZIGGURAT_EXP_WE[i];
  return exponentialZigguratSlow(source, j);
}

/** Exponential with the given mean, by the ziggurat (the same distribution as `exponential`, other draws). */
export function exponentialZiggurat(mean: number): Distribution {
  return { sample: (rng) => mean * standardExponentialZiggurat(rng), mean };
}

export function uniform(min: number, max: number): Distribution {
  return { sample: (rng) => min + (max - min) * rng.next(), mean: (min + max) / 2 };
}

export function normal(mean: number, stdDev: number): Distribution {
  return { sample: (rng) => rng.normal(mean, stdDev), mean };
}

/** z such that P(Z <= z) = 0.99 for a standard normal Z. */
const Z_99 = 2.3263478740408408;

/** Lognormal given its median and 99th percentile, the way people describe record sizes and latencies. */
export function lognormal(median: number, p99: number): Distribution {
  if (!(median > 0) || !(p99 >= median)) throw new RangeError('lognormal needs 0 < median <= p99');
  const mu = Math.log(median);
  const sigma = (Math.log(p99) - mu) / Z_99;
  return { sample: (rng) => Math.exp(mu + sigma * rng.standardNormal()), mean: Math.exp(mu + (sigma * sigma) / 2) };
}

/** Pareto (type I) with minimum `scale` and tail index `shape`; the mean is infinite for shape <= 1. */
export function pareto(scale: number, shape: number): Distribution {
  return {
    sample: (rng) => scale / Math.pow(1 - rng.next(), 1 / shape),
    mean: shape > 1 ? (shape * scale) / (shape - 1) : Number.POSITIVE_INFINITY,
  };
}

/** Draws from a finite set of values with the given weights (Walker's alias method: O(1) per draw). */
export function empirical(values: readonly number[], weights?: readonly number[]): Distribution {
  const n = values.length;
  if (n === 0) throw new RangeError('empirical needs at least one value');
  const w = weights ?? values.map(() => 1);
  if (w.length !== n) throw new RangeError('empirical needs one weight per value');
  if (w.some((x) => !(x >= 0) || !Number.isFinite(x))) throw new RangeError('empirical weights must be finite and non-negative');
  const total = w.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError('empirical weights must not all be zero');
  const probability = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = w.map((x) => (x * n) / total);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large.pop()!;
    probability[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of [...small, ...large]) probability[i] = 1;
  const mean = values.reduce((acc, v, i) => acc + v * w[i], 0) / total;
  return {
    sample(rng) {
      const column = Math.floor(rng.next() * n);
      return values[rng.next() < probability[column] ? column : alias[column]];
    },
    mean,
  };
}

/**
 * Zipf over ranks 1..n with exponent s > 0 (P(k) ∝ k^-s), by Hörmann and Derflinger's
 * rejection-inversion: O(1) time and memory per draw, so millions of keys cost nothing to set up.
 * (Same algorithm as Apache Commons RNG's RejectionInversionZipfSampler.)
 */
export function zipf(n: number, exponent: number): Distribution {
  if (!(n >= 1) || !(exponent > 0)) throw new RangeError('zipf needs n >= 1 and exponent > 0');
  const h = (x: number) => Math.exp(-exponent * Math.log(x));
  const hIntegral = (x: number) => {
    const logX = Math.log(x);
    return expm1Ratio((1 - exponent) * logX) * logX;
  };
  const hIntegralInverse = (x: number) => {
    let t = x * (1 - exponent);
    if (t < -1) t = -1;
    return Math.exp(log1pRatio(t) * x);
  };
  const hIntegralX1 = hIntegral(1.5) - 1;
  const hIntegralN = hIntegral(n + 0.5);
  const squeeze = 2 - hIntegralInverse(hIntegral(2.5) - h(2));
  const mean = generalizedHarmonic(n, exponent - 1) / generalizedHarmonic(n, exponent);
  return {
    sample(rng) {
      for (;;) {
        const u = hIntegralN + rng.next() * (hIntegralX1 - hIntegralN);
        const x = hIntegralInverse(u);
        let k = Math.floor(x + 0.5);
        if (k < 1) k = 1;
        else if (k > n) k = n;
        if (k - x <= squeeze || u >= hIntegral(k + 0.5) - h(k)) return k;
      }
    },
    mean,
  };
}

/** Terms summed one by one before the Euler-Maclaurin tail takes over. */
const HARMONIC_DIRECT_TERMS = 1000;

/**
 * The generalized harmonic number H(n, s) = sum of k^-s for k = 1..n: Zipf's normalising constant
 * (P(k) = k^-s / H(n, s)). Exact summation up to 1,000 terms, then the Euler-Maclaurin formula for
 * the rest (error far below 1e-12 relative), so it costs the same for a thousand keys or a billion.
 */
export function generalizedHarmonic(n: number, s: number): number {
  const direct = Math.min(n, HARMONIC_DIRECT_TERMS);
  let sum = 0;
  for (let k = direct; k >= 1; k--) sum += Math.pow(k, -s);
  if (n <= HARMONIC_DIRECT_TERMS) return sum;
  // Sum over k = a..b of f(k), f(x) = x^-s, with a = direct + 1 and b = n.
  const a = direct + 1;
  const b = n;
  const f = (x: number) => Math.pow(x, -s);
  const df = (x: number) => -s * Math.pow(x, -s - 1);
  const d3f = (x: number) => -s * (s + 1) * (s + 2) * Math.pow(x, -s - 3);
  const integral = Math.abs(s - 1) < 1e-12 ? Math.log(b / a) : (Math.pow(b, 1 - s) - Math.pow(a, 1 - s)) / (1 - s);
  return sum + integral + (f(a) + f(b)) / 2 + (df(b) - df(a)) / 12 - (d3f(b) - d3f(a)) / 720;
}

/** log1p(x)/x, continuous at 0. */
function log1pRatio(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x));
}

/** expm1(x)/x, continuous at 0. */
function expm1Ratio(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + (x / 3) * (1 + 0.25 * x));
}

/** Poisson-distributed count with the given mean: multiplication for small means, PTRS (Hörmann 1993) above. */
export function poissonCount(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let product = rng.next();
    while (product > limit) {
      k++;
      product *= rng.next();
    }
    return k;
  }
  const smu = Math.sqrt(mean);
  const b = 0.931 + 2.53 * smu;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  const logMean = Math.log(mean);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k)) return k;
  }
}

/** ln(k!) exactly for small k, by Stirling's series above. */
export function logFactorial(k: number): number {
  if (k < 2) return 0;
  if (k < 20) {
    let acc = 0;
    for (let i = 2; i <= k; i++) acc += Math.log(i);
    return acc;
  }
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}
