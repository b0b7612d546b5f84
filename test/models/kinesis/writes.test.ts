import { describe, expect, it } from 'vitest';
import { pollingScenario as scenario, runKinesis, sum, violations } from './helpers.ts';
import { ProducerClient } from '../../../src/models/kinesis/producer.ts';

/** One shard, an SDK application sending every 100 ms, evenly spaced records of `size` bytes. */
const oneShard = (rate: string, size: string, extra = '') => `
name: writes
duration: 2m
sampleInterval: 10s
workload:
  producers:
    - {name: p, rate: ${rate}, arrivals: constant, recordSize: ${size}, keys: {count: 1000}}
systems:
  kinesis:
    shards: 1
    producer: {client: sdk}
${extra}`;

describe('per-shard write limits (1 MiB/s and 1,000 records/s, [Q-CUR])', () => {
  it('900 records/s of 1,000 B on one shard are never throttled', () => {
    const { kinesis } = runKinesis(oneShard('900/s', '1000B'));
    expect(kinesis.throttled.WriteProvisionedThroughputExceeded).toBe(0);
    expect(kinesis.records.rejected).toBe(0);
    expect(violations(kinesis)).toEqual([]);
  });

  it('1,100 records/s on one shard are throttled down to 1,000 records/s accepted', () => {
    const { kinesis, column } = runKinesis(oneShard('1100/s', '100B'));
    expect(kinesis.throttled.WriteProvisionedThroughputExceeded).toBeGreaterThan(0);
    // After the first interval (burst), each 10 s interval accepts 10,000 records (+/- a batch).
    const perInterval = column('IncomingRecords').slice(1);
    for (const n of perInterval) expect(n!).toBeGreaterThan(9_900), expect(n!).toBeLessThanOrEqual(10_100);
    expect(violations(kinesis)).toEqual([]);
  });

  it('1.2 MB/s of 2,400 B records on one shard is held to 1 MiB/s, partition keys included', () => {
    const { kinesis, column } = runKinesis(oneShard('500/s', '2400B'));
    expect(kinesis.throttled.WriteProvisionedThroughputExceeded).toBeGreaterThan(0);
    const bytesPerSec = sum(column('IncomingBytes').slice(1)) / 110;
    expect(bytesPerSec).toBeGreaterThan(1_048_576 * 0.98);
    expect(bytesPerSec).toBeLessThanOrEqual(1_048_576 * 1.01);
  });

  it('an SDK application gives records up after 4 throttled attempts; offered = accepted + rejected + pending', () => {
    const { kinesis } = runKinesis(oneShard('2000/s', '100B'));
    expect(kinesis.records.rejectedBy!.retriesExhausted).toBeGreaterThan(0);
    expect(violations(kinesis)).toEqual([]);
  });

  it('records larger than 1 MiB are rejected as tooLarge, not dropped silently', () => {
    const { kinesis } = runKinesis(oneShard('2/s', '{dist: uniform, min: 900KB, max: 1200KB}'));
    expect(kinesis.records.rejectedBy!.tooLarge).toBeGreaterThan(0);
    expect(kinesis.records.accepted).toBeGreaterThan(0);
    expect(violations(kinesis)).toEqual([]);
  });

  it('with large records enabled, 5 MiB records pass by borrowing from the tank and average out to 1 MiB/s', () => {
    const { kinesis, column } = runKinesis(oneShard('0.2/s', '5MiB', '    maxRecordSize: 10MiB\n'));
    expect(kinesis.records.rejectedBy!.tooLarge).toBe(0);
    expect(kinesis.records.accepted).toBeGreaterThan(20);
    const bytesPerSec = sum(column('IncomingBytes')) / 120;
    expect(bytesPerSec).toBeLessThanOrEqual(1_048_576 * 1.1);
  });
});

describe('KPL ([KPL-CFG] defaults)', () => {
  const kplVsSdk = (client: string) => `
name: ppu
duration: 1m
workload:
  producers:
    - {name: p, rate: 500/s, recordSize: 500B}
systems:
  kinesis: {shards: 2, producer: {client: ${client}}}
`;

  it('aggregation packs 500 B records into ~50 KB KDS records and cuts PUT payload units', () => {
    const kpl = runKinesis(kplVsSdk('kpl')).kinesis;
    const sdk = runKinesis(kplVsSdk('sdk')).kinesis;
    const kplWrites = kpl.writes as { kdsRecordsAccepted: number; putPayloadUnits: number };
    const sdkWrites = sdk.writes as { kdsRecordsAccepted: number; putPayloadUnits: number };
    // SDK: one KDS record and one 25 KB unit per user record.
    expect(sdkWrites.putPayloadUnits).toBe(sdk.records.accepted);
    // KPL: about 95 user records of 500 B (+ key and framing) per 51,200-byte aggregate, 2 units each.
    expect(kpl.records.accepted / kplWrites.kdsRecordsAccepted).toBeGreaterThan(15);
    expect(kplWrites.putPayloadUnits).toBeLessThan(sdkWrites.putPayloadUnits / 5);
  });

  it('a throttled KPL retries without backoff and fails records "Expired" after RecordTtl (30 s)', () => {
    const { kinesis } = runKinesis(`
name: ttl
duration: 3m
workload:
  producers:
    - {name: p, rate: 3000/s, recordSize: 1000B, keys: {count: 1}}
systems:
  kinesis: {shards: 1, producer: {client: kpl}}
`);
    expect(kinesis.throttled.WriteProvisionedThroughputExceeded).toBeGreaterThan(0);
    expect(kinesis.records.rejectedBy!.expired).toBeGreaterThan(0);
    expect(violations(kinesis)).toEqual([]);
  });
});

describe('routing ([API]: MD5 of the partition key)', () => {
  const keys = (explicit: boolean) => `
name: routing
duration: 1m
sampleInterval: 1m
workload:
  producers:
    - {name: p, rate: 400/s, arrivals: constant, recordSize: 1KB, keys: {count: 8}}
systems:
  kinesis: {shards: 4, producer: {client: sdk, explicitHashKeys: ${explicit}}}
`;
  const perShard = (column: (n: string) => (number | undefined)[]) =>
    [0, 1, 2, 3].map((i) => column(`unit.shardId-00000000000${i}.inBytes`)[0]!);

  it('MD5 of 8 partition keys spreads them unevenly over 4 shards; explicit hash keys put 2 on each', () => {
    const md5 = perShard(runKinesis(keys(false)).column);
    const even = perShard(runKinesis(keys(true)).column);
    const spread = (v: number[]) => Math.max(...v) / Math.min(...v);
    expect(spread(even)).toBeLessThan(1.2);
    expect(spread(md5)).toBeGreaterThan(spread(even));
  });
});

describe('producer shortcuts give the outcome of the plain mechanism', () => {
  // A lazy producer client tries all its sends due by an observation at once and falls back to one
  // send at a time when a bucket runs dry; 35 KB records never share a KPL aggregate, so their
  // grouping skips its bookkeeping; the KPL does not retry what its limiter has just refused. The
  // outcome must be that of one send at a time, record by record, every retry tried.
  const scenarios = {
    'KPL on 4 shards near the limit (bursts throttled)': scenario('60m', 'rate: 100/s, recordSize: 35KB', 'shards: 4\n    producer: {client: kpl}'),
    'SDK application, one hot key': scenario('60m', 'rate: 1500/s, recordSize: 500, keys: {count: 20, dist: zipf, exponent: 2}', 'shards: 2\n    producer: {client: sdk}'),
    'KPL aggregating small records': scenario('30m', 'rate: 4000/s, recordSize: 200', 'shards: 2\n    producer: {client: kpl}'),
    'KPL with a hot key, its limiter refusing for minutes': scenario('5m', 'rate: 3000/s, recordSize: 1KB, keys: {count: 1000, dist: zipf, exponent: 1.2}', 'shards: 4\n    producer: {client: kpl}'),
  };
  for (const [name, yaml] of Object.entries(scenarios)) {
    it(`${name}: the same summary and series as without the shortcuts`, () => {
      const together = runKinesis(yaml).result;
      ProducerClient.shortcuts = false;
      try {
        const oneByOne = runKinesis(yaml).result;
        expect(together.summary).toEqual(oneByOne.summary);
        expect(together.series).toEqual(oneByOne.series);
      } finally {
        ProducerClient.shortcuts = true;
      }
    });
  }
});
