import { describe, expect, it } from 'vitest';
import { parseSweep } from '../../src/sweep/sweep-file.ts';
import { planJsonl, planSweep, replicationSeed, runsOfShare } from '../../src/sweep/plan.ts';

const BASE = `name: s
duration: 1m
workload:
  producers:
    - {name: clicks, rate: 1000/s, recordSize: 1KB}
systems:
  kinesis: {shards: 2}
  kafka: {brokers: 3}
`;
const sweep = (section: string) => parseSweep(`${BASE}sweep:\n${section}`, 's.yaml');

describe('a sweep file', () => {
  it('a log range of rates: 500/s to 8,000/s in 5 steps doubles each time, set as records per second', () => {
    const [axis] = sweep('  vary:\n    workload.producers[0].rate: {from: 500/s, to: 8000/s, steps: 5, scale: log}\n').axes;
    expect(axis).toMatchObject({ path: 'workload.producers[0].rate', scale: 'log', unit: 'records/s', values: [500, 1000, 2000, 4000, 8000] });
    expect(axis.overrides.map((o) => [o.path, o.value])).toEqual([500, 1000, 2000, 4000, 8000].map((v) => ['workload.producers.0.rate', `${v}/s`]));
  });

  it('ranges take the units of the field: byte rates, sizes (whole bytes) and durations (whole microseconds)', () => {
    const axes = sweep(
      '  vary:\n    workload.producers.0.rate: {from: 1MB/s, to: 3MB/s, steps: 3}\n    workload.producers.0.recordSize: {from: 1KB, to: 2KiB, steps: 3}\n    duration: {from: 1m, to: 2m, steps: 2}\n',
    ).axes;
    expect(axes.map((a) => [a.unit, a.values])).toEqual([
      ['bytes/s', [1e6, 2e6, 3e6]],
      ['bytes', [1000, 1524, 2048]],
      ['duration', [60e6, 120e6]],
    ]);
    expect(axes[1].overrides.map((o) => o.value)).toEqual(['1000B', '1524B', '2048B']);
  });

  it('a list takes values as written; a range of whole numbers gives whole numbers', () => {
    const axes = sweep('  vary:\n    systems.kinesis.shards: {from: 2, to: 8, steps: 4}\n    systems.kafka.producer.acks: [1, all]\n').axes;
    expect(axes[0].values).toEqual([2, 4, 6, 8]);
    expect(axes[1]).toMatchObject({ scale: 'list', values: ['1', 'all'] });
  });

  it('the same path written with [0] or .0 plans the same runs', () => {
    const a = planSweep(sweep('  vary:\n    workload.producers[0].rate: [1000/s, 2000/s]\n'));
    const b = planSweep(sweep('  vary:\n    workload.producers.0.rate: [1000/s, 2000/s]\n'));
    expect(a.runs.map((r) => r.runId)).toEqual(b.runs.map((r) => r.runId));
  });
});

describe('a sweep plan', () => {
  it('grid: every combination, the first path outermost; zip: the i-th value of each', () => {
    const grid = planSweep(sweep('  vary:\n    workload.producers[0].rate: [1000/s, 2000/s]\n    systems.kinesis.shards: [2, 4, 8]\n'));
    expect(grid.points.map((p) => Object.values(p.params))).toEqual([[1000, 2], [1000, 4], [1000, 8], [2000, 2], [2000, 4], [2000, 8]]);
    const zip = planSweep(sweep('  combine: zip\n  vary:\n    workload.producers[0].rate: [1000/s, 2000/s]\n    systems.kinesis.shards: [2, 4]\n'));
    expect(zip.points.map((p) => Object.values(p.params))).toEqual([[1000, 2], [2000, 4]]);
    expect(zip.points[1].scenario.systems.kinesis!.shards).toBe(4);
  });

  it('every point uses the same seeds (the sweep seed, then the next numbers), and run ids depend only on the scenario and replication', () => {
    const plan = planSweep(sweep('  seed: 7\n  replications: 3\n  vary:\n    systems.kinesis.shards: [2, 4]\n'));
    expect(plan.runs.map((r) => [r.point, r.replication, r.seed])).toEqual([[0, 0, 7], [0, 1, 8], [0, 2, 9], [1, 0, 7], [1, 1, 8], [1, 2, 9]]);
    expect(new Set(plan.runs.map((r) => r.runId)).size).toBe(6);
    expect(replicationSeed('blue', 2)).toBe('blue#2');
    // The same point in a larger sweep keeps its run ids.
    const larger = planSweep(sweep('  seed: 7\n  replications: 3\n  vary:\n    systems.kinesis.shards: [1, 2, 4]\n'));
    expect(larger.runs.slice(3).map((r) => r.runId)).toEqual(plan.runs.map((r) => r.runId));
  });

  it('a plain scenario is a sweep of one point run with its own seed', () => {
    const plan = planSweep(parseSweep(BASE, 's.yaml'));
    expect(plan.runs).toHaveLength(1);
    expect(plan.runs[0].seed).toBe(1);
    expect(planJsonl(plan)).toBe(`{"runId":"${plan.runs[0].runId}","point":0,"replication":0,"seed":1,"params":{}}\n`);
  });

  it('task i of n takes every n-th run from i: together the tasks take each run once', () => {
    const plan = planSweep(sweep('  replications: 2\n  vary:\n    systems.kinesis.shards: [1, 2, 3, 4, 5]\n'));
    const shares = [0, 1, 2].map((i) => runsOfShare(plan, i, 3).map((r) => r.runId));
    expect(shares.map((s) => s.length)).toEqual([4, 3, 3]);
    expect(shares.flat().sort()).toEqual(plan.runs.map((r) => r.runId).sort());
  });
});
