import { describe, expect, it } from 'vitest';
import { runKinesis, violations } from '../kinesis/helpers.ts';
import { bottlenecks, sustainedPerSecond } from './helpers.ts';

/** An SDK application (one KDS record per user record, so the shard limits apply to records as sent). */
function scenario(shards: number, producer: string): string {
  return `
name: shard-bound
duration: 8s
sampleInterval: 500ms
workload:
  producers:
    - {name: p, ${producer}}
systems:
  kinesis:
    shards: ${shards}
    producer: {client: sdk}
`;
}

describe('Kinesis saturates at its shard limits', () => {
  it('N shards with uniform keys take N × 1,000 records/s when records are small', () => {
    const shards = 4;
    const bound = shards * 1000;
    const { kinesis, result } = runKinesis(scenario(shards, 'rate: 6000/s, recordSize: 100B, keys: {count: 10000}'));
    expect(violations(kinesis)).toEqual([]);
    const accepted = sustainedPerSecond(result, 'kinesis.throughput.inRecords');
    expect(Math.abs(accepted - bound) / bound).toBeLessThan(0.1);
    expect(bottlenecks(kinesis)[0].name).toMatch(/^shardId-\d{12} write records$/);
  });

  it('N shards with uniform keys take N × 1 MiB/s when records are large', () => {
    const shards = 4;
    const bound = shards * 1024 * 1024;
    // 10 KB records at 600/s: 6 MB/s offered, far under 4,000 records/s.
    const { kinesis, result } = runKinesis(scenario(shards, 'rate: 600/s, recordSize: 10KB, keys: {count: 10000}'));
    expect(violations(kinesis)).toEqual([]);
    const accepted = sustainedPerSecond(result, 'kinesis.throughput.inBytes');
    expect(Math.abs(accepted - bound) / bound).toBeLessThan(0.1);
    expect(bottlenecks(kinesis)[0].name).toMatch(/^shardId-\d{12} write bytes$/);
  });

  it('one hot key goes to one shard: 1,000 records/s however many shards there are', () => {
    const { kinesis, result } = runKinesis(scenario(4, 'rate: 3000/s, recordSize: 100B, keys: {count: 1}'));
    expect(violations(kinesis)).toEqual([]);
    const accepted = sustainedPerSecond(result, 'kinesis.throughput.inRecords');
    expect(Math.abs(accepted - 1000) / 1000).toBeLessThan(0.1);
    expect(bottlenecks(kinesis)[0].name).toMatch(/^shardId-\d{12} write records$/);
    const hot = bottlenecks(kinesis)[0].name.split(' ')[0];
    const others = bottlenecks(kinesis).filter((b) => !b.name.startsWith(hot));
    expect(others.length).toBe(2 * 3);
    for (const b of others) expect(b.utilisation).toBe(0); // the other shards get nothing
  });
});
