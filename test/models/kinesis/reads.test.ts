import { describe, expect, it } from 'vitest';
import { runKinesis, violations } from './helpers.ts';

/** `apps` polling applications reading one shard every `poll`. */
const pollers = (apps: number, poll: string, extra = '') => `
name: readers
duration: 2m
workload:
  producers:
    - {name: p, rate: 200/s, recordSize: 1KB}
  consumers:
${Array.from({ length: apps }, (_, i) => `    - {name: app${i}}`).join('\n')}
systems:
  kinesis:
    shards: 1
    consumers:
${Array.from({ length: apps }, (_, i) => `      app${i}: {type: polling, pollInterval: ${poll}}`).join('\n')}
${extra}`;

describe('polling reads share 5 GetRecords calls/s and 2 MiB/s per shard ([API] GetRecords)', () => {
  it('six applications polling one shard every second are read-throttled; one application is not', () => {
    const six = runKinesis(pollers(6, '1s')).kinesis;
    const one = runKinesis(pollers(1, '1s')).kinesis;
    expect(one.throttled.ReadProvisionedThroughputExceeded).toBe(0);
    // 6 calls/s against 5 calls/s: about one call in six is refused.
    const calls = Object.values(six.consumers).reduce((n, c) => n + (c.getRecordsCalls as number), 0);
    const throttled = six.throttled.ReadProvisionedThroughputExceeded;
    expect(throttled / calls).toBeGreaterThan(0.05);
    expect(throttled / calls).toBeLessThan(0.3);
    expect(violations(six)).toEqual([]);
    expect(violations(one)).toEqual([]);
  });

  it('polling latency is about half the poll interval plus the round trip', () => {
    const { kinesis } = runKinesis(pollers(1, '1s'));
    const read = kinesis.consumers.app0.readLatencyMs as { p50: number };
    // Arrival to the GetRecords response: uniform over the 1 s gap, plus the 20 ms call.
    expect(read.p50).toBeGreaterThan(450);
    expect(read.p50).toBeLessThan(600);
  });

  it('a GetRecords call returning 10 MiB borrows the shard\'s 2 MiB/s budget: the next calls are throttled for seconds', () => {
    // 20 MB accumulate before the application starts; it then polls every 200 ms.
    const { kinesis } = runKinesis(`
name: big-read
duration: 90s
workload:
  producers:
    - {name: p, rate: 500/s, recordSize: 1KB}
  consumers:
    - {name: late, startAt: 60s}
systems:
  kinesis:
    shards: 1
    consumers:
      late: {type: polling, pollInterval: 200ms}
`);
    const late = kinesis.consumers.late;
    expect(kinesis.throttled.ReadProvisionedThroughputExceeded).toBeGreaterThan(0);
    // It still catches up: 2 MiB/s of reads against 0.5 MB/s of writes.
    expect(late.backlog).toBeLessThan(1000);
    expect(violations(kinesis)).toEqual([]);
  });
});

describe('polling reads are limited to 2,000 records/s per shard ([Q-CUR])', () => {
  // 900 records/s of 100 B on one shard; the application is down from 1 s to 61 s and takes its
  // lease back at ~80 s (failover time and the taker's cycle), then catches up a backlog of ~71,000
  // records. Bytes would allow 20,000 records/s (2 MiB/s) and calls 50,000 (5 × 10,000); the records
  // quota allows 2,000/s, so the backlog drains at 1,100/s, for about a minute.
  const catchUp = (quota = '') => `
name: catch-up
duration: 2m
sampleInterval: 10s
workload:
  producers:
    - {name: p, rate: 900/s, recordSize: 100, arrivals: constant}
  consumers:
    - {name: app}
timeline:
  - {at: 1s, consumerOutage: {app: app, for: 60s}}
systems:
  kinesis:
    shards: 1
    producer: {client: sdk}
    consumers:
      app: {type: polling, pollInterval: 200ms}
${quota}`;

  it('an application catching up a backlog reads 2,000 records/s, not what bytes and calls would allow', () => {
    const { kinesis, column } = runKinesis(catchUp());
    const perSecond = column('GetRecords.Records').map((r) => (r ?? 0) / 10);
    // 80 s to 110 s: catching up, at the quota.
    for (const rate of perSecond.slice(8, 11)) {
      expect(rate).toBeGreaterThan(1_800);
      expect(rate).toBeLessThan(2_100);
    }
    expect(kinesis.throttled.ReadProvisionedThroughputExceeded).toBeGreaterThan(0);
    expect(violations(kinesis)).toEqual([]);
  });

  it('with the quota raised, the same backlog drains within seconds', () => {
    const { kinesis, column } = runKinesis(catchUp('    limits: {shardReadRecordsPerSec: 100000}'));
    const records = column('GetRecords.Records');
    expect(records[8]).toBeGreaterThan(50_000); // 80 s to 90 s: the whole backlog
    expect(records[10]).toBeLessThan(10_000); // then only what arrives
    expect(violations(kinesis)).toEqual([]);
  });
});

describe('enhanced fan-out ([API] SubscribeToShard)', () => {
  const efo = (type: string) => `
name: efo
duration: 2m
workload:
  producers:
    - {name: p, rate: 200/s, recordSize: 1KB}
  consumers:
${Array.from({ length: 6 }, (_, i) => `    - {name: app${i}}`).join('\n')}
systems:
  kinesis:
    shards: 1
    consumers:
${Array.from({ length: 6 }, (_, i) => `      app${i}: {type: ${type}, pollInterval: 1s}`).join('\n')}
`;

  it('six enhanced fan-out consumers on one shard are never throttled and each sees records ~70 ms after they arrive', () => {
    const { kinesis } = runKinesis(efo('efo'));
    expect(kinesis.throttled.ReadProvisionedThroughputExceeded).toBe(0);
    for (const app of Object.values(kinesis.consumers)) {
      const read = app.readLatencyMs as { p50: number };
      // 70 ms propagation + ~10 ms to push a 100 ms batch (~20 KB) through the 2 MiB/s pipe.
      expect(read.p50).toBeGreaterThan(70);
      expect(read.p50).toBeLessThan(90);
    }
    expect(violations(kinesis)).toEqual([]);
  });

  it('enhanced fan-out delivers far sooner than polling every second', () => {
    const push = runKinesis(efo('efo')).kinesis.consumers.app0.latencyMs!.p50;
    const poll = runKinesis(efo('polling')).kinesis.consumers.app0.latencyMs!.p50;
    expect(push).toBeLessThan(poll / 3);
  });

  it('subscriptions are renewed every 5 minutes', () => {
    const { kinesis } = runKinesis(efo('efo').replace('duration: 2m', 'duration: 16m'));
    // 16 minutes: the first subscription and 3 renewals, per shard.
    expect(kinesis.consumers.app0.subscribeToShardCalls).toBe(4);
  });

  it('a stream registers at most 20 enhanced fan-out consumers: a 21st is a scenario error', async () => {
    const { scenarioProblems } = await import('./helpers.ts');
    const apps = Array.from({ length: 21 }, (_, i) => `a${i}`);
    const problems = scenarioProblems(`
name: too-many
duration: 1m
workload:
  producers: [{name: p, rate: 10/s}]
  consumers: [${apps.map((a) => `{name: ${a}}`).join(', ')}]
systems:
  kinesis:
    consumers: {${apps.map((a) => `${a}: {type: efo}`).join(', ')}}
`);
    expect(problems).toEqual([expect.stringMatching(/systems\.kinesis\.consumers\.a20: 21 enhanced fan-out consumers; a stream registers at most 20/)]);
  });
});
