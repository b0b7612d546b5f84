import { describe, expect, it } from 'vitest';
import { runKinesis, sum, violations } from './helpers.ts';

describe('retention ([RET-CUR])', () => {
  it('an application offline past the 24 h retention loses exactly the records that aged out', () => {
    // 10 records/s, evenly spaced; the application starts at 29 h 59 m (107,940 s) from the earliest
    // record: whatever arrived before 107,940 s - 24 h = 21,540 s has been trimmed.
    const { kinesis } = runKinesis(`
name: late-reader
duration: 30h
sampleInterval: 10m
workload:
  producers:
    - {name: p, rate: 10/s, arrivals: constant, recordSize: 1KB}
  consumers:
    - {name: batch, startAt: 107940s}
systems:
  kinesis: {shards: 1}
`);
    const batch = kinesis.consumers.batch;
    // 21,540 s at 10 records/s = 215,400 records aged out, give or take the chunk at the cutoff
    // (retention trims whole chunks of ~1.7 s of arrivals: 17 records).
    expect(batch.expired).toBeGreaterThanOrEqual(215_400 - 20);
    expect(batch.expired).toBeLessThanOrEqual(215_400 + 20);
    expect(violations(kinesis)).toEqual([]);
  });

  it('a consumer outage longer than the retention expires records; a shorter one only delays them', () => {
    const scenario = (outage: string) => `
name: outage
duration: 28h
sampleInterval: 10m
workload:
  producers:
    - {name: p, rate: 5/s, recordSize: 1KB}
  consumers:
    - {name: app}
systems:
  kinesis: {shards: 1}
timeline:
  - {at: 1h, consumerOutage: {app: app, for: ${outage}}}
`;
    const long = runKinesis(scenario('26h')).kinesis;
    const short = runKinesis(scenario('2h')).kinesis;
    expect(long.consumers.app.expired).toBeGreaterThan(0);
    expect(short.consumers.app.expired).toBe(0);
    expect(short.consumers.app.lagMaxMs).toBeGreaterThan(2 * 3600 * 1000 * 0.95);
    expect(violations(long)).toEqual([]);
    expect(violations(short)).toEqual([]);
  });

  it('raising the retention restores nothing already trimmed, and takes effect minutes later', () => {
    const { kinesis, column } = runKinesis(`
name: raise
duration: 27h
sampleInterval: 30m
workload:
  producers:
    - {name: p, rate: 1/s, arrivals: constant, recordSize: 1KB}
  consumers:
    - {name: late, startAt: 97140s}
systems:
  kinesis: {shards: 1}
timeline:
  - {at: 25h, kinesis: {retention: 7d}}
`);
    // Trimming ran from 24 h to 25 h 05 m (the old retention holds for 5 minutes after the increase):
    // the records of the first 65 minutes at 1/s, 3,900, give or take a 12 s chunk.
    expect(kinesis.consumers.late.expired).toBeGreaterThanOrEqual(3900 - 15);
    expect(kinesis.consumers.late.expired).toBeLessThanOrEqual(3900 + 15);
    expect(column('RetentionHours').at(-1)).toBe(168);
    expect(sum(column('app.late.expired'))).toBe(kinesis.consumers.late.expired);
    expect(violations(kinesis)).toEqual([]);
  });
});
