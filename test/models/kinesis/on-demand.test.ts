import { describe, expect, it } from 'vitest';
import { runKinesis, sum, violations } from './helpers.ts';

describe('on-demand capacity ([DG-SIZE], [Q-CUR])', () => {
  it('traffic jumping past double the previous peak is throttled until capacity follows 15 minutes later', () => {
    const { kinesis, column } = runKinesis(`
name: surge
duration: 50m
sampleInterval: 1m
workload:
  producers:
    - name: p
      rate: {schedule: [{at: 0s, rate: 1.5MB/s}, {at: 15m, rate: 5MB/s}]}
      recordSize: 20KB
      keys: {count: 100000}
systems:
  kinesis: {mode: on-demand, producer: {client: kpl}}
`);
    const throttled = column('WriteProvisionedThroughputExceeded');
    const capacity = column('OnDemandWriteCapacityBytesPerSec');
    // 1.5 MB/s fits the initial 4 MB/s; nothing is throttled before the surge.
    expect(sum(throttled.slice(0, 15))).toBe(0);
    expect(capacity[10]).toBe(4_000_000);
    // 5 MB/s is more than double the 1.5 MB/s peak: throttled at first (capacity 4 MB/s)...
    expect(sum(throttled.slice(16, 25))).toBeGreaterThan(0);
    // ...until capacity follows (2 x the new 4 MB/s peak, 15 minutes later, ~31 min).
    expect(sum(throttled.slice(-10))).toBe(0);
    expect(capacity.at(-1)!).toBeGreaterThan(5_000_000);
    expect((kinesis.shards as { final: number }).final).toBeGreaterThan(4);
    expect(violations(kinesis)).toEqual([]);
  });

  it('a single hot key stays limited to one shard: 1,000 records/s, whatever the stream capacity', () => {
    const { kinesis, column } = runKinesis(`
name: hot-key
duration: 40m
sampleInterval: 1m
workload:
  producers:
    - {name: p, rate: 1500/s, recordSize: 200B, keys: {count: 1}}
systems:
  kinesis: {mode: on-demand, producer: {client: sdk}}
`);
    expect(kinesis.throttled.WriteProvisionedThroughputExceeded).toBeGreaterThan(0);
    // Splits do not help a single key: still about 1,000 records/s accepted at the end.
    const last10 = sum(column('throughput.inRecords').slice(-10)) / 600;
    expect(last10).toBeGreaterThan(950);
    expect(last10).toBeLessThan(1050);
    expect(violations(kinesis)).toEqual([]);
  });
});
