import { describe, expect, it } from 'vitest';
import { runKinesis, scenarioProblems, sum, violations } from './helpers.ts';

const withTimeline = (shards: number, timeline: string, duration = '2d') => `
name: reshard
duration: ${duration}
workload:
  producers: [{name: p, rate: 10/s}]
systems:
  kinesis: {shards: ${shards}}
timeline:
${timeline}
`;

describe('resharding rules are scenario errors that name the rule ([API] UpdateShardCount, MergeShards)', () => {
  it('more than double the current shard count in one call', () => {
    expect(scenarioProblems(withTimeline(4, '  - {at: 1h, kinesis: {updateShardCount: 9}}'))).toEqual([
      'timeline.0.kinesis.updateShardCount: UpdateShardCount to 9 is more than double the current 4 shards (limit: at most 2x the current count per call)',
    ]);
  });

  it('below half the current shard count in one call', () => {
    expect(scenarioProblems(withTimeline(8, '  - {at: 1h, kinesis: {updateShardCount: 3}}'))[0]).toMatch(
      /below half the current 8 shards \(limit: at least half/,
    );
  });

  it('an eleventh UpdateShardCount within a rolling 24 hours', () => {
    const calls = Array.from({ length: 11 }, (_, i) => `  - {at: ${i + 1}h, kinesis: {updateShardCount: ${i % 2 === 0 ? 8 : 4}}}`).join('\n');
    expect(scenarioProblems(withTimeline(4, calls))).toEqual([
      'timeline.10.kinesis.updateShardCount: UpdateShardCount would be call 11 within 24 hours (limit: 10 per rolling 24-hour period): LimitExceededException',
    ]);
    // A day later the window has rolled on: the same eleventh call is allowed.
    const later = calls.replace('{at: 11h,', '{at: 25h,');
    expect(scenarioProblems(withTimeline(4, later))).toEqual([]);
  });

  it('a second resharding while the first is still in progress (the stream is UPDATING)', () => {
    const problems = scenarioProblems(withTimeline(4, '  - {at: 1h, kinesis: {updateShardCount: 8}}\n  - {at: 62m, kinesis: {updateShardCount: 4}}'));
    expect(problems).toEqual([expect.stringMatching(/^timeline\.1\.kinesis\.updateShardCount: the stream is still resharding \(UPDATING\) until 65m: ResourceInUseException/)]);
  });

  it('merging two shards that are not adjacent, and splitting a shard that does not exist', () => {
    const problems = scenarioProblems(
      withTimeline(4, '  - {at: 1h, kinesis: {mergeShards: [shardId-000000000000, shardId-000000000002]}}\n  - {at: 2h, kinesis: {splitShard: {shard: shardId-000000000009}}}'),
    );
    expect(problems[0]).toMatch(/mergeShards: MergeShards: shardId-000000000000 and shardId-000000000002 are not adjacent/);
    expect(problems[1]).toMatch(/splitShard: SplitShard: no shard "shardId-000000000009"/);
  });
});

describe('resharding at run time', () => {
  it('UpdateShardCount 2 -> 4 takes effect minutes later; the application reads on through parents and children', () => {
    const { kinesis, column } = runKinesis(`
name: grow
duration: 40m
sampleInterval: 1m
workload:
  producers:
    - {name: p, rate: 3000/s, recordSize: 500B}
  consumers:
    - {name: app, instances: 2}
systems:
  kinesis: {shards: 2, producer: {client: sdk}}
timeline:
  - {at: 10m, kinesis: {updateShardCount: 4}}
`);
    const shards = column('ShardCount');
    expect(shards[13]).toBe(2); // 14 min: still UPDATING (the call takes 5 minutes)
    expect(shards[15]).toBe(4); // 16 min
    // 3,000 records/s cannot fit 2 shards (2,000 records/s) but fits 4.
    const throttledBefore = sum(column('WriteProvisionedThroughputExceeded').slice(1, 14));
    const throttledAfter = sum(column('WriteProvisionedThroughputExceeded').slice(20));
    expect(throttledBefore).toBeGreaterThan(0);
    expect(throttledAfter).toBe(0);
    expect(kinesis.shards).toMatchObject({ initial: 2, final: 4, created: 6 });
    expect(kinesis.consumers.app.backlog).toBeLessThan(20_000);
    expect(violations(kinesis)).toEqual([]);
  });

  it('an autoscaling policy follows a daily cycle within the UpdateShardCount limits', () => {
    const { kinesis } = runKinesis(`
name: autoscale
duration: 30h
sampleInterval: 10m
workload:
  producers:
    - {name: p, rate: {diurnal: {mean: 1.5MB/s, amplitude: 0.8, peakAt: 14h}}, recordSize: 30KB}
systems:
  kinesis:
    shards: 2
    producer: {client: kpl}
    autoscaling: {targetUtilization: 0.7, scaleInDelay: 1h}
`);
    // 1.5 MB/s +/- 80 %: 0.3 MB/s at night, 2.7 MB/s at 14 h; at 70 % of 1 MiB/s that is 1 to 4 shards.
    const reshards = kinesis.reshards as { atSeconds: number; refused?: string; to?: number }[];
    const done = reshards.filter((r) => r.refused === undefined);
    expect(done.length).toBeGreaterThan(2);
    expect(Math.min(...done.map((r) => r.to!))).toBe(1);
    for (const r of done) {
      const within24h = done.filter((x) => x.atSeconds > r.atSeconds - 86_400 && x.atSeconds <= r.atSeconds);
      expect(within24h.length).toBeLessThanOrEqual(10);
    }
    expect((kinesis.shards as { maxOpen: number }).maxOpen).toBeGreaterThanOrEqual(4);
    expect(violations(kinesis)).toEqual([]);
  });
});
