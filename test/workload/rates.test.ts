import { describe, expect, it } from 'vitest';
import { createRateProfile } from '../../src/workload/rate-profile.ts';
import { HOUR, MINUTE, SECOND, countsUntil, mean, range, source, sum, variance } from './helpers.ts';

/**
 * A Poisson count with mean λ has standard deviation √λ: the offered counts below must fall within
 * four standard deviations of the integral of the rate (a false alarm about once in 16,000 runs; the
 * seeds are fixed, so these tests are stable, and a wrong rate of even 1 % would fail them).
 */
const withinPoisson = (count: number, expected: number) => {
  expect(Math.abs(count - expected), `${count} records offered, ${expected.toFixed(0)} expected`).toBeLessThan(4 * Math.sqrt(expected));
};

describe('offered rates: counts over a run match the integral of the rate', () => {
  it('a constant 100 records/s offers 360,000 records in an hour', () => {
    const [count] = countsUntil(source({ rate: '100/s' }), [HOUR]);
    withinPoisson(count, 360_000);
  });

  it('a schedule of 50/s, then 400/s from 20 minutes, offers 60,000 then 960,000 records', () => {
    const src = source({ rate: { schedule: [{ at: '0s', rate: '50/s' }, { at: '20m', rate: '400/s' }] } });
    const [first, second] = countsUntil(src, [20 * MINUTE, HOUR]);
    withinPoisson(first, 50 * 1200);
    withinPoisson(second, 400 * 2400);
  });

  it('a schedule that starts at 10 minutes offers nothing before', () => {
    const src = source({ rate: { schedule: [{ at: '10m', rate: '100/s' }] } });
    const [before, after] = countsUntil(src, [10 * MINUTE, 20 * MINUTE]);
    expect(before).toBe(0);
    withinPoisson(after, 100 * 600);
  });

  it('a diurnal rate (mean 20/s, amplitude 0.6, peak at 14h) offers the day\'s mean, hour by hour, about 4 times more at the peak than at the trough', () => {
    const src = source({ rate: { diurnal: { mean: '20/s', amplitude: 0.6, peakAt: '14h' } } });
    const hourly = countsUntil(src, range(24, (h) => (h + 1) * HOUR));
    withinPoisson(sum(hourly), 20 * 86_400);
    const profile = createRateProfile({ diurnal: { mean: { recordsPerSecond: 20 }, amplitude: 0.6, peakAt: 14 * HOUR } }, 1000);
    hourly.forEach((count, h) => withinPoisson(count, profile.cumulative((h + 1) * HOUR) - profile.cumulative(h * HOUR)));
    // The hours around the peak (13h-15h) against those around the trough (1h-3h): (1 + 0.6) / (1 - 0.6) = 4 at the extremes.
    const peak = hourly[13] + hourly[14];
    const trough = hourly[1] + hourly[2];
    expect(peak / trough).toBeGreaterThan(3.5);
    expect(peak / trough).toBeLessThan(4.1);
  });

  it('a byte rate of 5MB/s with 2KB records is 2,500 records/s', () => {
    const src = source({ rate: '5MB/s', recordSize: '2KB' });
    const [count] = countsUntil(src, [100 * SECOND]);
    withinPoisson(count, 250_000);
    expect(src.offeredBytes).toBe(count * 2000);
  });

  it('a byte rate with lognormal sizes divides by the mean size (not the median): 5MB/s offers 5MB/s', () => {
    // median 2KB, p99 40KB: sigma = ln(20)/2.326 = 1.288, mean = 2000 * exp(sigma^2/2) = 4,587 bytes, about 1,090 records/s.
    const src = source({ rate: '5MB/s', recordSize: { dist: 'lognormal', median: '2KB', p99: '40KB' } });
    const [count] = countsUntil(src, [1000 * SECOND]);
    withinPoisson(count, 5e9 / 4587);
    // Total bytes: N sizes with coefficient of variation sqrt(exp(sigma^2) - 1) = 2.06: relative sd sqrt((1 + 4.25)/1.09e6) = 0.22 %.
    expect(Math.abs(src.offeredBytes / 5e9 - 1)).toBeLessThan(0.01);
  });
});

describe('arrivals: Poisson is random, constant is evenly spaced', () => {
  const perSecond = (arrivals: string) => countsUntil(source({ rate: '1000/s', arrivals }), range(3600, (s) => (s + 1) * SECOND));

  it('Poisson: the counts per second have variance equal to their mean (index of dispersion 1)', () => {
    const counts = perSecond('poisson');
    // Over 3,600 seconds the sample variance has a relative standard error of sqrt(2/3599) = 2.4 %.
    expect(variance(counts) / mean(counts)).toBeGreaterThan(0.9);
    expect(variance(counts) / mean(counts)).toBeLessThan(1.1);
  });

  it('constant: exactly 1,000 records in every second, one every millisecond', () => {
    const counts = perSecond('constant');
    expect(new Set(counts)).toEqual(new Set([1000]));
    const src = source({ rate: '1000/s', arrivals: 'constant' });
    src.pull(SECOND);
    expect(Array.from(src.times.subarray(0, 3))).toEqual([1000, 2000, 3000]);
  });

  it('constant arrivals follow a schedule without an extra record at the step: 10/s for a minute, then 100/s', () => {
    const src = source({ arrivals: 'constant', rate: { schedule: [{ at: '0s', rate: '10/s' }, { at: '1m', rate: '100/s' }] } });
    expect(countsUntil(src, [MINUTE, 2 * MINUTE])).toEqual([600, 6000]);
  });

  it('constant arrivals follow a diurnal rate through a trough of zero (amplitude 1) and keep going', () => {
    const src = source({ arrivals: 'constant', rate: { diurnal: { mean: '10/s', amplitude: 1, peakAt: '12h' } } });
    const days = countsUntil(src, [24 * HOUR, 48 * HOUR]);
    // 864,000 records a day; the k-th comes when the integral of the rate reaches k.
    expect(Math.abs(days[0] - 864_000)).toBeLessThanOrEqual(1);
    expect(Math.abs(days[1] - 864_000)).toBeLessThanOrEqual(1);
  });
});
