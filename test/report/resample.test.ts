import { describe, expect, it } from 'vitest';
import { fold, makeBuckets } from '../../src/report/resample.ts';
import { packCharts, packTable, unpackTable } from '../../src/report/pack.ts';

describe('downsampling series for charts', () => {
  const times = [10, 20, 30, 40, 50, 60, 70]; // seven 10 s samples

  it('groups rows into at most N buckets that tile the run', () => {
    const buckets = makeBuckets(times, 3);
    expect(buckets.map((b) => [b.startSeconds, b.endSeconds, b.toRow - b.fromRow])).toEqual([
      [0, 30, 3],
      [30, 60, 3],
      [60, 70, 1],
    ]);
  });

  it('interval totals become rates over the bucket: 100 records per 10 s is 10 records/s at any resolution', () => {
    const totals = times.map(() => 100);
    expect(fold(totals, makeBuckets(times, 3), 'ratePerSecond')).toEqual([10, 10, 10]);
    expect(fold(totals, makeBuckets(times, 7), 'ratePerSecond')).toEqual([10, 10, 10, 10, 10, 10, 10]);
  });

  it('a one-interval burst of lag or latency survives as the bucket maximum, not an average', () => {
    const lag = [0, 0, 900, 0, 0, 0, 0];
    expect(fold(lag, makeBuckets(times, 3), 'max')).toEqual([900, 0, 0]);
  });

  it('cumulative cost keeps the last value; expired counts accumulate', () => {
    expect(fold([1, 2, 3, 4, 5, 6, 7], makeBuckets(times, 3), 'last')).toEqual([3, 6, 7]);
    expect(fold([0, 5, 0, 0, 2, 0, 1], makeBuckets(times, 3), 'cumulativeTotal')).toEqual([5, 7, 8]);
  });

  it('a bucket with no value is a gap, not a zero (latency when nothing was delivered)', () => {
    expect(fold([undefined, undefined, undefined, 4, undefined, undefined, undefined], makeBuckets(times, 3), 'max')).toEqual([undefined, 4, undefined]);
  });
});

describe('packing chart data by column', () => {
  it('round-trips rows, with repeated strings as indices and missing fields kept missing', () => {
    const rows = [
      { time: 1, system: 'kinesis', value: 3.5, over: true },
      { time: 2, system: 'kafka', value: 4 },
      { time: 3, system: 'kinesis', value: 0, over: false },
    ];
    const packed = packTable(rows);
    expect(packed.c.system).toEqual({ k: ['kinesis', 'kafka'], i: [0, 1, 0] });
    expect(packed.c.time).toEqual([1, 2, 3]);
    expect(unpackTable(packed)).toEqual(rows);
  });

  it('moves inline data to named datasets, sharing identical ones (the timeline) between charts', () => {
    const marks = [{ time: 5, label: 'x' }];
    const { specs, datasets } = packCharts([
      { layer: [{ data: { values: [{ a: 1 }] }, mark: 'line' }, { data: { values: marks }, mark: 'rule' }] },
      { layer: [{ data: { values: [{ a: 2 }] }, mark: 'line' }, { data: { values: marks }, mark: 'rule' }] },
    ]);
    expect(Object.keys(datasets)).toEqual(['d0', 'd1', 'd2']);
    expect(specs.map((s) => s.datasets)).toEqual([['d0', 'd1'], ['d2', 'd1']]);
    expect(specs[1].spec).toEqual({ layer: [{ data: { name: 'd2' }, mark: 'line' }, { data: { name: 'd1' }, mark: 'rule' }] });
  });
});
