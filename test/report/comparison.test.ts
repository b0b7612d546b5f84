import { describe, expect, it } from 'vitest';
import { compareSystems } from '../../src/report/comparison.ts';
import { syntheticResult } from './fixtures.ts';

describe('the side-by-side summary', () => {
  const { summary } = syntheticResult();
  const table = compareSystems(summary);
  const row = (label: string) => table.rows.find((r) => r.label === label)!;
  const worse = (label: string) => table.systems.filter((_, i) => row(label).cells[i].worse);

  it('has a column per system and a row per metric of the issue', () => {
    expect(table.systems).toEqual(['kinesis', 'kafka']);
    expect(table.rows.map((r) => r.label)).toEqual([
      'records offered', 'accepted', 'rejected', 'pending at end', 'lost by failures', 'delivered (all apps)', 'expired unread (all apps)', 'duplicates (all apps)',
      'throttled: WriteProvisionedThroughputExceeded', 'throttled: ReadProvisionedThroughputExceeded', 'throttled: ProduceThrottleTime',
      'latency p50 (worst app)', 'latency p99 (worst app)', 'latency p99.9 (worst app)', 'max lag (worst app)',
      'cost, this run', 'cost per month (730 h)', 'cost per million records', 'cost per GB', 'what caps throughput',
    ]);
  });

  it('says what limits each system: a resource that passed 90 %, or the busiest one when none did', () => {
    expect(row('what caps throughput').cells.map((c) => c.text)).toEqual([
      'limited by shardId-000000000000 write bytes (100 %)',
      'not saturated (busiest: broker 0 disk at 40 %)',
    ]);
  });

  it('marks the worse value: fewer records accepted, more rejected, slower, dearer', () => {
    // Kinesis' hot shard rejects records and polling adds ~1.5 s; Kafka's three brokers cost more.
    expect(worse('accepted')).toEqual(['kinesis']);
    expect(worse('rejected')).toEqual(['kinesis']);
    expect(worse('latency p99 (worst app)')).toEqual(['kinesis']);
    expect(worse('cost per month (730 h)')).toEqual(['kafka']);
    expect(row('latency p99 (worst app)').cells.map((c) => c.text)).toEqual(['4,200 ms', '56 ms']);
  });

  it('marks nothing where the systems agree or only one has the metric', () => {
    expect(worse('records offered')).toEqual([]);
    expect(worse('lost by failures')).toEqual([]);
    expect(worse('throttled: WriteProvisionedThroughputExceeded')).toEqual([]);
    expect(row('throttled: ProduceThrottleTime').cells[0].text).toBe('–');
  });

  it('a workload-only run has no system columns', () => {
    expect(compareSystems({ ...summary, systems: {} })).toEqual({ systems: [], rows: [] });
  });
});
