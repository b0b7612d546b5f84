import { describe, expect, it } from 'vitest';
import * as hdr from 'hdr-histogram-js';
import seedrandom from 'seedrandom';
import { Counter, Gauge, LatencyHistogram, TimeWeightedAverage, type LatencyPercentilesMs } from '../../src/engine/metrics.ts';
import { MILLISECOND, SECOND } from '../../src/engine/time.ts';

/** HdrHistogram with 3 significant digits: any recorded value is reported within 0.1 %. */
const HDR_RELATIVE_ERROR = 0.001;

function within(actual: number, expected: number, relative = HDR_RELATIVE_ERROR): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * relative);
}

describe('LatencyHistogram', () => {
  it('reports percentiles of 1..100,000 µs within HdrHistogram\'s 0.1 %', () => {
    const h = new LatencyHistogram();
    for (let v = 1; v <= 100_000; v++) h.record(v);
    const p = h.percentilesMs()!;
    within(p.p50, 50);
    within(p.p95, 95);
    within(p.p99, 99);
    within(p.p999, 99.9);
    within(p.max, 100);
    expect(h.count).toBe(100_000);
  });

  it('weights by record count: a batch of 999 records at 1 ms and one at 1 s is two calls, p99.9 = 1 ms, max = 1 s', () => {
    const h = new LatencyHistogram();
    h.record(1 * MILLISECOND, 999);
    h.record(1 * SECOND, 1);
    const p = h.percentilesMs()!;
    expect(h.count).toBe(1000);
    within(p.p50, 1);
    within(p.p999, 1);
    within(p.max, 1000);
  });

  it('holds counts beyond 32 bits (a month of heavy traffic)', () => {
    const h = new LatencyHistogram();
    h.record(5 * MILLISECOND, 3_000_000_000);
    h.record(5 * MILLISECOND, 3_000_000_000);
    expect(h.count).toBe(6_000_000_000);
  });

  it('recordSpread: 10,000 records created evenly over one second give percentiles within 1/64 of the spread', () => {
    const h = new LatencyHistogram();
    h.recordSpread(0, SECOND, 10_000);
    const p = h.percentilesMs()!;
    expect(h.count).toBe(10_000);
    const tolerance = 1000 / 64 + 1; // half a point's width, plus HdrHistogram's 0.1 %
    expect(Math.abs(p.p50 - 500)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(p.p95 - 950)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(p.p99 - 990)).toBeLessThanOrEqual(tolerance);
  });

  it('recordSpread keeps every record and the mean: 7 records between 10 and 20 ms', () => {
    const h = new LatencyHistogram();
    h.recordSpread(10 * MILLISECOND, 20 * MILLISECOND, 7);
    expect(h.count).toBe(7);
    within(h.percentilesMs()!.p50, 15, 0.002);
  });

  it('recordSpread with a zero-width spread or one record records the midpoint', () => {
    const h = new LatencyHistogram();
    h.recordSpread(40 * MILLISECOND, 40 * MILLISECOND, 500);
    h.recordSpread(10 * MILLISECOND, 30 * MILLISECOND, 1);
    expect(h.count).toBe(501);
    within(h.percentilesMs()!.p50, 40);
  });

  it('ignores empty batches and reports nothing when nothing was recorded', () => {
    const h = new LatencyHistogram();
    h.record(5, 0);
    h.recordSpread(1, 2, 0);
    expect(h.percentilesMs()).toBeUndefined();
  });

  it('interval percentiles cover only the records since the previous sample', () => {
    const h = new LatencyHistogram();
    h.record(10 * MILLISECOND, 100);
    within(h.takeIntervalPercentilesMs()!.p50, 10);
    h.record(200 * MILLISECOND, 100);
    within(h.takeIntervalPercentilesMs()!.p50, 200);
    expect(h.takeIntervalPercentilesMs()).toBeUndefined();
    expect(h.count).toBe(200);
  });

  it('whole-run percentiles include taken intervals and the current one alike', () => {
    const h = new LatencyHistogram();
    h.record(10 * MILLISECOND, 300);
    h.takeIntervalPercentilesMs();
    h.record(2 * SECOND, 100); // not yet taken
    const p = h.percentilesMs()!;
    within(p.p50, 10);
    within(p.p95, 2000);
    within(p.max, 2000);
    expect(h.count).toBe(400);
    // Reading the whole run does not disturb the interval.
    within(h.takeIntervalPercentilesMs()!.p50, 2000);
    within(h.percentilesMs()!.p50, 10);
  });

  it('interval and whole-run percentiles are those of hdr-histogram-js, value for value, across folds and resizes', () => {
    const rng = seedrandom('percentiles');
    const h = new LatencyHistogram();
    const reference = hdr.build({ bitBucketSize: 64, numberOfSignificantValueDigits: 3, lowestDiscernibleValue: 1, autoResize: true });
    const expectPercentiles = (got: LatencyPercentilesMs | undefined, of: hdr.Histogram) => {
      const ms = (p: number) => of.getValueAtPercentile(p) / MILLISECOND;
      expect(got).toEqual({ p50: ms(50), p95: ms(95), p99: ms(99), p999: ms(99.9), max: of.maxValue / MILLISECOND });
    };
    for (let interval = 0; interval < 40; interval++) {
      const intervalReference = hdr.build({ bitBucketSize: 64, numberOfSignificantValueDigits: 3, lowestDiscernibleValue: 1, autoResize: true });
      // Later intervals reach values far past the first ones' counts arrays (hours), which resize them.
      const scale = interval < 20 ? 1e5 : 1e10;
      for (let k = 0; k < 1 + Math.floor(rng() * 200); k++) {
        const value = 1 + Math.floor(rng() ** 3 * scale);
        const count = 1 + Math.floor(rng() * 1000);
        h.record(value, count);
        intervalReference.recordValueWithCount(value, count);
        reference.recordValueWithCount(value, count);
      }
      expectPercentiles(h.takeIntervalPercentilesMs(), intervalReference);
      expectPercentiles(h.percentilesMs(), reference);
    }
  });
});

describe('TimeWeightedAverage', () => {
  it('weights each level by how long it lasted: 0 for 1 s, 4 for 3 s gives 3', () => {
    const avg = new TimeWeightedAverage(0);
    avg.set(4, 1 * SECOND);
    expect(avg.average(4 * SECOND)).toBe(3);
    expect(avg.current).toBe(4);
  });

  it('after a reset (warm-up deletion) only the time since counts', () => {
    const avg = new TimeWeightedAverage(0);
    avg.set(100, 0);
    avg.reset(10 * SECOND);
    avg.set(2, 15 * SECOND);
    expect(avg.average(20 * SECOND)).toBe((100 * 5 + 2 * 5) / 10);
  });
});

describe('Counter and Gauge', () => {
  it('a counter reports its total and what was added since the previous sample', () => {
    const c = new Counter();
    c.add(5);
    c.add();
    expect(c.takeInterval()).toBe(6);
    c.add(2);
    expect(c.takeInterval()).toBe(2);
    expect(c.total).toBe(8);
  });

  it('a gauge remembers its maximum overall and per interval', () => {
    const g = new Gauge();
    g.set(10);
    g.set(3);
    expect(g.takeIntervalMax()).toBe(10);
    expect(g.takeIntervalMax()).toBe(3);
    expect(g.max).toBe(10);
  });
});
