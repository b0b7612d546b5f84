import { describe, expect, it } from 'vitest';
import { parseScenario, type Override } from '../../src/index.ts';
import { runScenario } from '../../src/simulation/run.ts';
import { runConservationViolations as checkConservation } from '../../src/simulation/conservation.ts';
import { problemsOf } from '../scenario/helpers.ts';

/** 20 s of 200 records/s on both systems; a run here takes some tens of thousands of events. */
const BASE = `name: intervals
duration: 20s
workload:
  producers: [{name: clicks, rate: 200/s}]
  consumers: [{name: app, instances: 2}]
systems:
  kinesis: {shards: 2}
  kafka: {brokers: 3, partitions: 6}
`;
/** Far more than such a run needs: a loop that makes no progress in simulated time hits it at once. */
const EVENT_BUDGET = 2_000_000;

const run = (...overrides: Override[]) => runScenario(parseScenario(BASE, 'x.yaml', overrides), { eventLimit: EVENT_BUDGET });
const set = (path: string, value: string): Override => ({ path, value });

describe('zero intervals the real systems allow run, and make progress in simulated time', () => {
  it('replica.fetch.wait.max.ms = 0 (Kafka allows it): followers keep fetching, a round trip apart, and stay in sync', () => {
    const { summary, events } = run(set('systems.kafka.replicaFetchWaitMaxMs', '0'));
    expect(events).toBeLessThan(EVENT_BUDGET);
    const kafka = summary.systems.kafka!;
    expect(kafka.records.accepted).toBe(kafka.records.offered - kafka.records.pending);
    expect(checkConservation(summary)).toEqual([]);
  });

  it('heartbeat.interval.ms = 0 (the classic consumer allows it): one heartbeat in flight at a time', () => {
    const { summary } = run(set('systems.kafka.consumer.heartbeatIntervalMs', '0'), set('systems.kafka.consumer.groupProtocol', 'classic'));
    expect(summary.systems.kafka!.consumers.app.delivered).toBeGreaterThan(3000);
    expect(checkConservation(summary)).toEqual([]);
  });

  it('KPL RecordMaxBufferedTime = 0 (allowed: 0 to 2^63-1 ms) sends each record as it is put', () => {
    const { summary } = run(set('systems.kinesis.kpl.recordMaxBufferedTime', '0s'));
    const kinesis = summary.systems.kinesis!;
    expect(kinesis.records.accepted).toBeGreaterThan(3000);
    expect(checkConservation(summary)).toEqual([]);
  });

  it('an SDK application that collects records for 0 s sends each one alone', () => {
    const { summary } = run(set('systems.kinesis.producer.client', 'sdk'), set('systems.kinesis.sdk.batchInterval', '0s'));
    expect(summary.systems.kinesis!.records.accepted).toBeGreaterThan(3000);
  });
});

describe('intervals the real systems do not allow are refused where they are written', () => {
  it('log.retention.check.interval.ms takes [1,...]: 0s is refused at its line and column', () => {
    expect(problemsOf(BASE, [set('systems.kafka.retentionCheckInterval', '0s')])).toEqual([
      expect.stringMatching(/^8:10 systems\.kafka\.retentionCheckInterval: must be at least 1ms: Kafka takes log\.retention\.check\.interval\.ms in \[1,\.\.\.\]/),
    ]);
    expect(problemsOf(BASE.replace('kafka: {brokers: 3,', 'kafka: {retentionCheckInterval: 0ms, brokers: 3,'))).toEqual([
      expect.stringMatching(/^8:\d+ systems\.kafka\.retentionCheckInterval: must be at least 1ms/),
    ]);
  });

  it('a zero network round trip is refused', () => {
    expect(problemsOf(BASE, [set('systems.kafka.network.sameZoneRtt', '0s')]).join('\n')).toMatch(/sameZoneRtt: must be longer than 0: a round trip/);
  });

  it('a 400-digit duration is no duration (it would be Infinity)', () => {
    const problems = problemsOf(BASE, [set('systems.kafka.segmentMs', `${'9'.repeat(400)}s`)]);
    expect(problems.join('\n')).toMatch(/segmentMs: expected a duration .*at most 100000d/);
  });

  it('a diurnal peak is a time of day: a peak 10,000 days away is refused', () => {
    const problems = problemsOf(BASE, [set('workload.producers.0.rate', '{diurnal: {mean: 200/s, amplitude: 0.5, peakAt: 10000d}}')]);
    expect(problems.join('\n')).toMatch(/peakAt: must be a time of day, under 24h/);
  });
});
