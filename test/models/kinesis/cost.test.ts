import { describe, expect, it } from 'vitest';
import { runKinesis } from './helpers.ts';

const stream = (extra: string, consumers = '') => `
name: cost
duration: 2h
sampleInterval: 10m
workload:
  producers:
    - {name: p, rate: 100/s, arrivals: constant, recordSize: 30KB}
${consumers}
systems:
  kinesis:
    shards: 4
    producer: {client: sdk}
${extra}
`;

describe('cost (docs/models/kinesis.md#cost, prices in pricing.ts)', () => {
  it('a provisioned stream pays shard-hours and 25 KB PUT payload units per accepted record', () => {
    const { kinesis, column } = runKinesis(stream(''));
    const items = kinesis.cost.items;
    // 4 shards x 2 h x $0.015.
    expect(items['shard-hours']).toBeCloseTo(4 * 2 * 0.015, 10);
    // A 30 KB record (+ key) is two 25 KiB units: 720,000 records -> 1.44 M units x $0.014 per million.
    expect(kinesis.writes).toMatchObject({ putPayloadUnits: 2 * kinesis.records.accepted });
    expect(items['PUT payload units']).toBeCloseTo((2 * kinesis.records.accepted * 0.014) / 1e6, 10);
    // The series' cumulative cost ends at the total.
    expect(column('cost.cumulative').at(-1)).toBeCloseTo(kinesis.cost.total, 6);
  });

  it('retention beyond 24 h adds extended-retention shard-hours; an enhanced fan-out consumer adds consumer-shard-hours', () => {
    const { kinesis } = runKinesis(stream('    retention: 3d\n    consumers: {push: {type: efo}}', '  consumers: [{name: push}]'));
    const items = kinesis.cost.items;
    expect(items['extended retention (shard-hours)']).toBeCloseTo(4 * 2 * 0.02, 10);
    expect(items['enhanced fan-out consumer-shard-hours']).toBeCloseTo(4 * 2 * 0.015, 10);
    expect(items['enhanced fan-out retrieval (GB)']).toBeGreaterThan(0);
  });

  it('an on-demand stream pays stream-hours and GB in, each record rounded up to 1 KB', () => {
    const { kinesis } = runKinesis(stream('    mode: on-demand'));
    const items = kinesis.cost.items;
    expect(items['on-demand stream-hours']).toBeCloseTo(2 * 0.04, 10);
    // 30,000 B + key -> 30 KiB billed (30,720 B) per record.
    const usage = kinesis.usage as { onDemandBilledGBIn: number };
    expect(usage.onDemandBilledGBIn).toBeCloseTo((kinesis.records.accepted * 30 * 1024) / 1e9, 6);
    expect(items['shard-hours']).toBeUndefined();
  });
});
