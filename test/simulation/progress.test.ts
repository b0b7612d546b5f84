import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario, type RunProgress } from '../../src/index.ts';
import { SECOND } from '../../src/engine/time.ts';

/** 10 records/s, evenly spaced, for 2 minutes sampled every 30 s, on both systems. */
const SCENARIO = `name: progress
duration: 2m
sampleInterval: 30s
workload:
  producers:
    - {name: clicks, rate: 10/s, arrivals: constant, recordSize: 1KB}
  consumers:
    - {name: analytics}
systems:
  kinesis: {shards: 1}
  kafka: {brokers: 3, partitions: 3}
`;

describe('a run reports its progress after each sample interval, then once at the end', () => {
  const calls: [number, RunProgress][] = [];
  const result = runScenario(parseScenario(SCENARIO, 'progress.yaml'), { onProgress: (fraction, progress) => calls.push([fraction, progress]) });
  const at = (i: number) => ({ fraction: calls[i][0], system: calls[i][1].system, seconds: calls[i][1].simulated / SECOND, records: calls[i][1].records });

  it('the systems run one after the other: Kinesis fills the first half of the run, Kafka the second', () => {
    expect(calls.length).toBe(4 + 4 + 1);
    expect([0, 3, 4, 7, 8].map(at).map(({ fraction, system, seconds }) => ({ fraction, system, seconds }))).toEqual([
      { fraction: 0.125, system: 'kinesis', seconds: 30 },
      { fraction: 0.5, system: 'kinesis', seconds: 120 },
      { fraction: 0.625, system: 'kafka', seconds: 30 },
      { fraction: 1, system: 'kafka', seconds: 120 },
      { fraction: 1, system: 'kafka', seconds: 120 },
    ]);
    for (const [, progress] of calls) expect(progress.duration).toBe(120 * SECOND);
  });

  it('records count in each system run, 300 every 30 s, and end at the offered records of both runs in the summary', () => {
    // Records come at 0.1 s, 0.2 s, ...: the one due on an interval's end is counted with the next, the
    // last (at 2:00) when the run ends.
    expect(calls.map(([, p]) => p.records)).toEqual([299, 599, 899, 1199, 1499, 1799, 2099, 2399, 2400]);
    expect(result.summary.systems.kinesis!.records.offered + result.summary.systems.kafka!.records.offered).toBe(2400);
  });
});
