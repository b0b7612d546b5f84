import type { MetricStat } from './sweep-result.ts';

/**
 * Two-sided 95 % critical values of Student's t, t(0.975, df), from the NIST/SEMATECH e-Handbook of
 * Statistical Methods, table 1.3.6.7.2 "Critical values of the Student's t distribution". Between
 * tabulated degrees of freedom the value of the next lower one is used (a slightly wider interval);
 * beyond 100, the normal quantile.
 */
const T_975: [df: number, t: number][] = [
  [1, 12.706], [2, 4.303], [3, 3.182], [4, 2.776], [5, 2.571], [6, 2.447], [7, 2.365], [8, 2.306], [9, 2.262], [10, 2.228],
  [11, 2.201], [12, 2.179], [13, 2.16], [14, 2.145], [15, 2.131], [16, 2.12], [17, 2.11], [18, 2.101], [19, 2.093], [20, 2.086],
  [21, 2.08], [22, 2.074], [23, 2.069], [24, 2.064], [25, 2.06], [26, 2.056], [27, 2.052], [28, 2.048], [29, 2.045], [30, 2.042],
  [40, 2.021], [50, 2.009], [60, 2.0], [80, 1.99], [100, 1.984],
];
/** The standard normal's 97.5 % quantile (same handbook, table 1.3.6.7.1). */
const Z_975 = 1.96;

export function tQuantile975(df: number): number {
  if (df > 100) return Z_975;
  let t = T_975[0][1];
  for (const [d, value] of T_975) if (d <= df) t = value;
  return t;
}

/** Mean and 95 % confidence interval, mean ± t(0.975, n−1)·s/√n; with one value the interval is the value. */
export function meanWithInterval(values: number[]): MetricStat {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, low: mean, high: mean, n };
  const variance = values.reduce((acc, v) => acc + (v - mean) ** 2, 0) / (n - 1);
  const half = tQuantile975(n - 1) * Math.sqrt(variance / n);
  return { mean, low: mean - half, high: mean + half, n };
}
