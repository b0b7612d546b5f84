import { describe, expect, it } from 'vitest';
import { runKinesis, violations } from './helpers.ts';

const app = (timeline: string, instances = 2, extra = '') => `
name: kcl
duration: 10m
sampleInterval: 10s
workload:
  producers:
    - {name: p, rate: 400/s, recordSize: 1KB}
  consumers:
    - {name: app, instances: ${instances}}
systems:
  kinesis:
    shards: 4
    kcl: {checkpointInterval: 60s}
${extra}
timeline:
${timeline}
`;

describe('KCL leases, checkpoints and failover ([KCL-LEASE])', () => {
  it('without failures every record is delivered once', () => {
    const { kinesis } = runKinesis(app('  - {at: 9m, kinesis: {retention: 24h}}'));
    expect(kinesis.consumers.app.duplicates).toBe(0);
    expect(violations(kinesis)).toEqual([]);
  });

  it('a crashed instance loses its leases after failoverTimeMillis plus a taker cycle; the new owner re-reads from the checkpoint (duplicates)', () => {
    const { kinesis, column } = runKinesis(app('  - {at: 5m, consumerFailure: {app: app, instance: 0}}'));
    const c = kinesis.consumers.app;
    // The other instance takes over 10 s (failover) + up to two 20 s taker cycles after the crash,
    // from checkpoints up to 60 s old: duplicates, but nothing lost or stuck.
    expect(c.duplicates).toBeGreaterThan(0);
    expect(c.duplicates).toBeLessThanOrEqual(2 * 400 * (60 + 50));
    const lag = column('app.app.lagMs');
    const worstAfterCrash = Math.max(...lag.slice(30, 40).map((v) => v ?? 0));
    expect(worstAfterCrash).toBeGreaterThan(20_000);
    expect(worstAfterCrash).toBeLessThan(60_000);
    expect(c.backlog).toBeLessThan(2_000);
    expect(violations(kinesis)).toEqual([]);
  });

  it('an availability-zone outage loses no acknowledged record; the consumers in that zone fail over', () => {
    const { kinesis } = runKinesis(app('  - {at: 5m, zoneOutage: {zone: 0, for: 2m}}', 3));
    expect(kinesis.records.lost).toBe(0);
    expect(kinesis.consumers.app.duplicates).toBeGreaterThan(0);
    expect(kinesis.throttled.WriteProvisionedThroughputExceeded).toBe(0);
    expect(violations(kinesis)).toEqual([]);
  });

  it('an application starting from LATEST skips what came before it and accounts for it', () => {
    const { kinesis } = runKinesis(`
name: latest
duration: 5m
workload:
  producers:
    - {name: p, rate: 100/s, arrivals: constant, recordSize: 1KB}
  consumers:
    - {name: late, startAt: 2m, startFrom: latest}
systems:
  kinesis: {shards: 2}
`);
    const late = kinesis.consumers.late;
    // 2 minutes at 100 records/s, give or take the records in flight at that instant.
    expect(late.skipped as number).toBeGreaterThan(11_950);
    expect(late.skipped as number).toBeLessThanOrEqual(12_000);
    expect(late.expired).toBe(0);
    expect(violations(kinesis)).toEqual([]);
  });

  it('the lease table costs DynamoDB requests: renewals every ~3.3 s per lease, checkpoints, taker scans', () => {
    const { kinesis } = runKinesis(app('  - {at: 9m, kinesis: {retention: 24h}}', 1));
    const usage = kinesis.usage as { dynamoWriteRequestUnits: number; dynamoReadRequestUnits: number };
    // 4 leases x 600 s / 3.308 s = 725 renewals, + 4 takes + ~4 x 9 checkpoints.
    expect(usage.dynamoWriteRequestUnits).toBeGreaterThan(725);
    expect(usage.dynamoWriteRequestUnits).toBeLessThan(800);
    // One scan per 20.05 s taker cycle: 30 in 10 minutes.
    expect(usage.dynamoReadRequestUnits).toBe(30);
  });
});

describe('determinism', () => {
  it('the same scenario and seed give an identical summary and series', () => {
    const text = app('  - {at: 5m, consumerFailure: {app: app, instance: 1, for: 1m}}', 2, '    producer: {client: sdk}');
    const a = runKinesis(text);
    const b = runKinesis(text);
    expect(JSON.stringify(b.result.summary)).toBe(JSON.stringify(a.result.summary));
    expect(JSON.stringify(b.result.series)).toBe(JSON.stringify(a.result.series));
  });
});
