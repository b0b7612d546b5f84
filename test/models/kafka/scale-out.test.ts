import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/index.ts';
import type { ReassignmentReport } from '../../../src/models/kafka/reassignment.ts';
import { assignReplicas } from '../../../src/models/kafka/placement.ts';
import { problemsOf } from '../../scenario/helpers.ts';
import { columnTotal, runKafka } from './run-kafka.ts';

interface BrokerRow {
  id: number;
  zone: number;
  leaderPartitions: number;
  replicas: number;
  diskUsedBytes: number;
  joinedAtSeconds?: number;
}

/**
 * Three m5.large brokers (one per zone), 12 partitions, RF 3: every broker holds every partition.
 * `rate` is what the producer offers (a schedule can stop it), `action` the scale-out at `at`.
 */
function cluster(o: { rate: string; action: string; at?: string; duration?: string; sampleInterval?: string; consumer?: string; kafka?: string; instance?: string }): string {
  return `
name: scale-out-test
seed: 5
duration: ${o.duration ?? '120s'}
sampleInterval: ${o.sampleInterval ?? '1s'}
workload:
  producers:
    - {name: events, rate: ${o.rate}, recordSize: 1KB, keys: {count: 10000}}
  consumers:
    - {name: analytics, instances: 3, processingTime: 20us}
systems:
  kafka:
    instance: ${o.instance ?? 'm5.large'}
    brokers: 3
    zones: 3
    partitions: 12
    replicationFactor: 3
    minInsyncReplicas: 2
${o.consumer ?? ''}${o.kafka ?? ''}timeline:
  - {at: ${o.at ?? '40s'}, kafka: ${o.action}}
`;
}

/** 20,000 records/s of 1 KB for 30 s (about 600 MB, 50 MB per partition), then nothing: the log stands still. */
const FILL_THEN_STOP = '{schedule: [{at: 0s, rate: 20000/s}, {at: 30s, rate: 0/s}]}';

const brokersOf = (kafka: Record<string, unknown>) => kafka.brokers as BrokerRow[];
const reportOf = (kafka: Record<string, unknown>) => (kafka.reassignments as ReassignmentReport[])[0];

/** The value of a gauge column in the row ending at `seconds`. */
function valueAt(result: RunResult, column: string, seconds: number): number {
  const i = result.series.columns.indexOf(column);
  const row = result.series.rows.find((r) => r[0] === seconds);
  if (i < 0 || !row) throw new Error(`no ${column} at ${seconds}s`);
  return row[i] ?? 0;
}

describe('adding brokers to a running Kafka cluster', () => {
  it('3 brokers become 6: the new ones end up with 6 of the 36 replicas each, hold their data, and lead 2 partitions each after the preferred-leader check', () => {
    const { result, kafka } = runKafka(cluster({ rate: FILL_THEN_STOP, action: '{addBrokers: 3}', duration: '310s', sampleInterval: '5s' }));
    const topicBytes = valueAt(result, 'kafka.broker.0.diskUsedBytes', 35); // broker 0 holds all 12 partitions before
    expect(topicBytes).toBeGreaterThan(600e6); // 600,000 records of 1 KB plus batch headers
    const brokers = brokersOf(kafka);
    expect(brokers.map((b) => b.zone)).toEqual([0, 1, 2, 0, 1, 2]); // round-robin over the zones
    expect(brokers.slice(3).map((b) => b.joinedAtSeconds)).toEqual([40, 40, 40]);
    for (const b of brokers) {
      expect(b.replicas).toBe(6); // 12 partitions x RF 3 over 6 brokers
      // Half the topic each: new replicas copied, removed replicas deleted (file.delete.delay.ms after the move).
      expect(b.diskUsedBytes / topicBytes).toBeCloseTo(6 / 12, 1);
      // auto.leader.rebalance.enable: at 300 s each preferred leader takes its partitions back.
      expect(b.leaderPartitions).toBe(2);
    }
  });

  it('the move copies the retained log once per new replica: 18 new replicas (6 on each new broker) carry 1.5 times the topic', () => {
    const { result, kafka } = runKafka(cluster({ rate: FILL_THEN_STOP, action: '{addBrokers: 3}' }));
    const topicBytes = valueAt(result, 'kafka.broker.0.diskUsedBytes', 35);
    const report = reportOf(kafka);
    expect(report.partitionsMoved).toBe(10); // 2 of the 12 keep their three replicas in the new assignment
    // Exactly: each partition's log (its bytes in) once per replica the new assignment adds to it.
    const before = assignReplicas(12, [0, 1, 2].map((id) => ({ id, zone: id })), 3);
    const after = assignReplicas(12, [0, 1, 2, 3, 4, 5].map((id) => ({ id, zone: id % 3 })), 3);
    let expected = 0;
    let newReplicas = 0;
    for (let p = 0; p < 12; p++) {
      const adding = after[p].filter((b) => !before[p].includes(b)).length;
      newReplicas += adding;
      expected += adding * columnTotal(result, `kafka.unit.events-${p}.inBytes`);
    }
    expect(newReplicas).toBe(18);
    expect(report.bytesToCopyAtStart / expected).toBeCloseTo(1, 9);
    // About 1.5 times the topic (partitions differ by a few per cent with 10,000 uniform keys).
    expect(report.bytesToCopyAtStart / topicBytes).toBeCloseTo(18 / 12, 1);
    expect(report.bytesMoved / report.bytesToCopyAtStart).toBeCloseTo(1, 6); // nothing new was written meanwhile
    // The series carries the same bytes (ReassignmentBytesInPerSec, 1 s samples).
    expect(columnTotal(result, 'kafka.ReassignmentBytesInPerSec') / report.bytesMoved).toBeCloseTo(1, 6);
    expect(report.partitionsStillMoving).toBe(0);
    // Unthrottled, the senders' NICs (750 Mbit/s, about 94 MB/s) bound it: 300 MB per leader takes over 3 s.
    expect(report.reassignmentSeconds).toBeGreaterThan(300e6 / 94e6);
    expect(report.reassignmentSeconds).toBeLessThan(15);
  });

  it('a 10 MB/s throttle: no broker sends or receives reassignment bytes faster than 10 MB/s, so 300 MB per broker take about 30 s', () => {
    const throttle = 10e6;
    const { result, kafka } = runKafka(cluster({ rate: FILL_THEN_STOP, action: '{addBrokers: 3, throttle: 10MB/s}' }));
    const report = reportOf(kafka);
    const seconds = report.reassignmentSeconds!;
    expect(report.throttleBytesPerSec).toBe(throttle);
    expect(report.bytesMoved / report.bytesToCopyAtStart).toBeCloseTo(1, 6);
    // The throttle is per broker. Each old broker leads 4 partitions and sends 300 MB; each new broker receives 300 MB.
    let busiest = 0;
    for (let b = 0; b < 6; b++) {
      const sent = columnTotal(result, `kafka.broker.${b}.ReassignmentBytesOutPerSec`); // 1 s samples: bytes
      const received = columnTotal(result, `kafka.broker.${b}.ReassignmentBytesInPerSec`);
      busiest = Math.max(busiest, sent, received);
      // Within the quota: the measured rate (SimpleRate over up to 11 one-second samples) may start a window ahead.
      expect(sent).toBeLessThanOrEqual(throttle * (seconds + 1) + 10 * 1024 ** 2);
      expect(received).toBeLessThanOrEqual(throttle * (seconds + 1) + 10 * 1024 ** 2);
    }
    expect(busiest).toBeGreaterThan(290e6);
    expect(seconds).toBeGreaterThanOrEqual(busiest / throttle - 1);
    expect(seconds).toBeLessThan((busiest / throttle) * 1.25); // the throttle, not something else, sets the pace
  });

  it('a throttle below what the leaders already replicate to in-sync followers leaves nothing for the new replicas: the move never ends', () => {
    // 10 MB/s of writes: each of the 3 leaders sends about 2 x 3.3 MB/s to its in-sync followers, and that counts against its quota.
    const stuck = runKafka(cluster({ rate: '10000/s', action: '{addBrokers: 3, throttle: 5MB/s}', at: '30s', duration: '90s' })).kafka;
    expect(reportOf(stuck).reassignmentSeconds).toBeNull();
    expect(reportOf(stuck).partitionsStillMoving).toBe(10);
    expect(reportOf(stuck).bytesMoved).toBeLessThan(0.05 * reportOf(stuck).bytesToCopyAtStart);
    const moving = runKafka(cluster({ rate: '10000/s', action: '{addBrokers: 3, throttle: 20MB/s}', at: '30s', duration: '90s' })).kafka;
    expect(reportOf(moving).partitionsStillMoving).toBe(0);
  });

  it('producers writing all along keep acks=all: nothing lost or rejected while replicas move and leaders change', () => {
    const { result, kafka } = runKafka(cluster({ rate: '20000/s', action: '{addBrokers: 3, throttle: 30MB/s}', at: '30s' }));
    expect(kafka.records.lost).toBe(0);
    expect(kafka.records.rejected).toBe(0);
    expect(kafka.throttled.NotEnoughReplicas).toBe(0);
    expect(kafka.throttled.NotLeaderOrFollower).toBeGreaterThan(0); // leaders moved to new brokers; producers retried there
    expect(kafka.consumers.analytics.duplicates).toBe(0);
    expect(reportOf(kafka).partitionsStillMoving).toBe(0);
    // New appends on the moving partitions are copied too: more than the log at the start.
    expect(reportOf(kafka).bytesMoved).toBeGreaterThan(reportOf(kafka).bytesToCopyAtStart);
    // KIP-352: replicas being added do not make a partition under-replicated.
    expect(columnTotal(result, 'kafka.ReassigningPartitions')).toBeGreaterThan(0);
    expect(columnTotal(result, 'kafka.UnderReplicatedPartitions')).toBe(0);
  });

  it('consumers fetching from a replica in their zone read every record once, in order, while the replicas they read from change', () => {
    const { kafka } = runKafka(cluster({
      rate: '20000/s', action: '{addBrokers: 3, throttle: 30MB/s}', at: '30s',
      consumer: '    consumers: {analytics: {followerFetching: true}}\n',
    }));
    expect(reportOf(kafka).reassignmentSeconds).toBeGreaterThan(20); // new replicas lag for tens of seconds
    const analytics = kafka.consumers.analytics;
    expect(analytics.duplicates).toBe(0); // no partition fetched from a second replica while a response was on its way
    expect(analytics.lagMaxMs).toBeLessThan(5_000);
  });

  it('brokers failing during the move (a new one, then an old leader) delay it; it completes once they are back, and acks=all loses nothing', () => {
    const text = `${cluster({ rate: '10000/s', action: '{addBrokers: 3, throttle: 30MB/s}', at: '30s', duration: '150s' })}  - {at: 35s, kafka: {failBroker: 4, for: 20s}}
  - {at: 40s, kafka: {failBroker: 0, for: 10s}}
`;
    const { kafka } = runKafka(text);
    expect(kafka.records.lost).toBe(0);
    expect(kafka.records.rejected).toBe(0);
    const report = reportOf(kafka);
    expect(report.partitionsStillMoving).toBe(0);
    expect(report.reassignmentSeconds).toBeGreaterThan(25 - 5); // broker 4 is back 25 s after --execute, then catches up
    for (const b of brokersOf(kafka)) expect(b.replicas).toBe(6);
  });

  it('a second reassignment while the first still runs is refused, as kafka-reassign-partitions does without --additional; its brokers still join', () => {
    const text = `${cluster({ rate: '10000/s', action: '{addBrokers: 3, throttle: 10MB/s}', at: '30s', duration: '60s' })}  - {at: 35s, kafka: {addBrokers: 3}}
`;
    const { kafka } = runKafka(text);
    const [first, second] = kafka.reassignments as ReassignmentReport[];
    expect(first.refused).toBeUndefined();
    expect(second.refused).toBe(true);
    expect(second.partitionsMoved).toBe(0);
    const brokers = brokersOf(kafka);
    expect(brokers).toHaveLength(9);
    for (const b of brokers.slice(6)) expect(b.replicas).toBe(0);
  });

  it('reassign: false adds empty brokers: they hold and lead nothing, yet bill from the moment they join', () => {
    const { kafka } = runKafka(cluster({ rate: '5000/s', action: '{addBrokers: 3, reassign: false}', at: '60s' }));
    const brokers = brokersOf(kafka);
    for (const b of brokers.slice(3)) {
      expect(b.replicas).toBe(0);
      expect(b.leaderPartitions).toBe(0);
      expect(b.diskUsedBytes).toBe(0);
    }
    expect(kafka.reassignments).toBeUndefined();
    // m5.large at $0.096 an hour: 3 brokers for 120 s and 3 more for the last 60 s.
    const cost = kafka.cost as { items: Record<string, number> };
    expect(cost.items['broker instance-hours']).toBeCloseTo(((3 * 120 + 3 * 60) / 3600) * 0.096, 9);
  });

  it('the same scenario and seed give the same summary and series', () => {
    const text = cluster({ rate: '20000/s', action: '{addBrokers: 3, throttle: 30MB/s}', at: '20s', duration: '60s' });
    const a = runKafka(text).result;
    const b = runKafka(text).result;
    expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
    expect(JSON.stringify(b.series)).toBe(JSON.stringify(a.series));
  });

  it('refuses actions that cannot be done, with the timeline entry\'s path', () => {
    const problems = (action: string, kafka = '', instance?: string) => problemsOf(cluster({ rate: '100/s', action, kafka, instance }));
    expect(problems('{reassign: false}').join('\n')).toMatch(/timeline\.0\.kafka\.reassign: reassign: false does nothing without addBrokers/);
    expect(problems('{addBrokers: 3, reassign: false, throttle: 10MB/s}').join('\n')).toMatch(/timeline\.0\.kafka\.throttle: a replication throttle applies to a reassignment/);
    expect(problems('{addBrokers: 3, throttle: 0MB/s}').join('\n')).toMatch(/timeline\.0\.kafka\.throttle: the replication throttle must be above 0/);
    expect(problems('{addBrokers: 2}', '    deployment: msk\n', 'kafka.m5.large').join('\n')).toMatch(/timeline\.0\.kafka\.addBrokers: Amazon MSK adds brokers in multiples of the 3 zones/);
    expect(problems('{addBrokers: 3}')).toEqual([]);
  });

  it('a broker added earlier on the timeline can fail later; one not yet added cannot', () => {
    const later = (first: string, second: string) => `${cluster({ rate: '100/s', action: first, at: '10s' })}  - {at: 20s, kafka: ${second}}\n`;
    expect(problemsOf(later('{addBrokers: 3}', '{failBroker: 5, for: 5s}'))).toEqual([]);
    expect(problemsOf(later('{failBroker: 5, for: 5s}', '{addBrokers: 3}')).join('\n')).toMatch(/timeline\.0\.kafka\.failBroker: no broker 5 at that time: brokers are numbered 0 to 2/);
  });
});
