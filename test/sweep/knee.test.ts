import { describe, expect, it } from 'vitest';
import { crossing, findKnees, onset } from '../../src/sweep/knee.ts';
import { meanWithInterval, tQuantile975 } from '../../src/sweep/stats.ts';
import type { MetricStat, SweepAxis, SweepPoint } from '../../src/sweep/sweep-result.ts';

const stat = (mean: number): MetricStat => ({ mean, low: mean, high: mean, n: 1 });

/** A Kinesis point at `load` records/s on a stream that takes `capacity` records/s (throttled = the excess, retried). */
function kinesisPoint(load: number, capacity: number, p99Ms: number): SweepPoint {
  const accepted = Math.min(load, capacity);
  return {
    system: 'kinesis',
    params: { rate: load },
    failed: 0,
    metrics: {
      'records.offered': stat(load * 60),
      'records.offeredPerSec': stat(load),
      'records.accepted': stat(accepted * 60),
      'throttled.WriteProvisionedThroughputExceeded': stat(Math.max(0, load - capacity) * 60),
      'consumers.analytics.latencyMs.p99': stat(p99Ms),
    },
  };
}

describe('the knee of a curve', () => {
  it('throttling starts where the line through the first throttled points meets zero', () => {
    // Throttled writes grow with the excess over 2,000 records/s: 100 at 2,100, 300 at 2,300.
    expect(onset([1800, 2100, 2300], [0, 100, 300])).toBeCloseTo(2000, 6);
  });

  it('the start is kept between the last point without throttling and the first with it', () => {
    expect(onset([1800, 2100, 2300], [0, 100, 101])).toBe(1800);
    expect(onset([1800, 2100], [0, 100])).toBeCloseTo(1950, 6); // one throttled point: the middle
    expect(onset([1800, 2100], [0, 0])).toBeUndefined();
    expect(onset([1800, 2100], [5, 100])).toBe(1800); // throttled from the first point on
  });

  it('a threshold crossing is interpolated linearly, or on a log scale for a log axis', () => {
    expect(crossing([1000, 2000], [1, 0.98], 0.99, 'below')).toBeCloseTo(1500, 6);
    expect(crossing([1000, 4000], [1, 0.98], 0.99, 'below', true)).toBeCloseTo(2000, 6); // half-way in log space
    expect(crossing([1000, 2000, 3000], [100, 900, 3000], 2000, 'above')).toBeCloseTo(2000 + 1100 / 2100 * 1000, 6);
    expect(crossing([1000, 2000], [100, 900], 2000, 'above')).toBeUndefined();
  });

  it('a 2-shard stream of 1,000 records/s per shard: throttling at 2,000, accepted below 99 % just above, latency past 2 s at 3,000', () => {
    const axes: SweepAxis[] = [{ path: 'rate', scale: 'linear', values: [1000, 1500, 2100, 2500, 3000, 3500], unit: 'records/s' }];
    const latency = [500, 520, 600, 1200, 2000 + 400, 5000];
    const points = axes[0].values.map((load, i) => kinesisPoint(load as number, 2000, latency[i]));
    const [knee] = findKnees(axes, points, { p99LatencyMs: 2000 });
    expect(knee.throttlingStartsAt).toBeCloseTo(2000, 6);
    // accepted/offered: 1 at 2,000... 2000/2100 = 0.952 at 2,100: 0.99 is crossed between 1,500 (1.0) and 2,100.
    expect(knee.acceptedBelowShareFrom).toBeCloseTo(1500 + (0.01 / (1 - 2000 / 2100)) * 600, 6);
    expect(knee.latencyAboveFrom).toBeCloseTo(2500 + (800 / 1200) * 500, 6);
    expect(knee.text).toBe('Kinesis: throttling starts at 2,000 records/s; accepted below 99 % of offered from 1,630 records/s; p99 latency above 2,000 ms from 2,830 records/s');
  });

  it('one curve per system and value of the second varied path, each with its own knee', () => {
    const axes: SweepAxis[] = [
      { path: 'rate', scale: 'linear', values: [1000, 3000, 5000], unit: 'records/s' },
      { path: 'shards', scale: 'list', values: [2, 4] },
    ];
    const points = [2, 4].flatMap((shards) => [1000, 3000, 5000].map((load) => ({ ...kinesisPoint(load, shards * 1000, 100), params: { rate: load, shards } })));
    const knees = findKnees(axes, points);
    expect(knees.map((k) => k.fixed)).toEqual([{ shards: 2 }, { shards: 4 }]);
    expect(knees[1].text).toMatch(/^Kinesis, shards = 4: throttling starts at /);
    expect(knees[0].throttlingStartsAt!).toBeLessThan(knees[1].throttlingStartsAt!);
  });

  it('a system that keeps up over the whole range says so', () => {
    const axes: SweepAxis[] = [{ path: 'rate', scale: 'log', values: [100, 1000], unit: 'records/s' }];
    const [knee] = findKnees(axes, [kinesisPoint(100, 2000, 10), { ...kinesisPoint(1000, 2000, 10), params: { rate: 1000 } }].map((p, i) => ({ ...p, params: { rate: [100, 1000][i] } })));
    expect(knee.text).toBe('Kinesis: keeps up over the whole range, up to 1,000 records/s');
  });
});

describe('confidence intervals over replications', () => {
  it("use Student's t: 12.706 for 2 replications, 2.262 for 10, the normal 1.96 past 100", () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(9)).toBe(2.262);
    expect(tQuantile975(35)).toBe(2.042); // between 30 and 40: the wider of the two
    expect(tQuantile975(500)).toBe(1.96);
  });

  it('mean ± t·s/√n, and a single replication has no width', () => {
    const s = meanWithInterval([10, 12, 14]); // mean 12, s = 2, n = 3: half-width 4.303 · 2 / √3
    expect(s.mean).toBe(12);
    expect(s.high - s.mean).toBeCloseTo((4.303 * 2) / Math.sqrt(3), 9);
    expect(meanWithInterval([7])).toEqual({ mean: 7, low: 7, high: 7, n: 1 });
  });
});
