import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../../src/index.ts';
import { columnTotal, runKafka } from './run-kafka.ts';

/** A short workload; each test changes one setting. */
const base = (kafka: string, extra = '', consumers = '    - {name: app, instances: 3}') => `
name: mechanism
duration: 30s
sampleInterval: 5s
workload:
  producers:
    - {name: p, rate: 2000/s, recordSize: 1KB, keys: {count: 5000}}
  consumers:
${consumers}
systems:
  kafka:
${kafka}
${extra}`;

describe('Kafka mechanisms', () => {
  it('throughput is bounded by the hardware: 10 MB/s offered to brokers whose NICs carry 6.25 MB/s fills the producer buffer', () => {
    // Each broker would receive produce traffic plus two followers' copies: 3 x 10 MB/s / 3 brokers > 6.25 MB/s.
    // Queueing on the NICs stretches request latency, and max.in.flight x batch.size per partition caps the rest.
    const { result, kafka } = runKafka(base('    instance: {vcpus: 2, networkGbps: 0.05, diskMBps: 500, diskGB: 100, pricePerHour: 0.1}\n    partitions: 6', '', '    - {name: app}').replace('2000/s', '10000/s'));
    expect(kafka.records.accepted / 30).toBeLessThan(0.75 * 10_000);
    expect(columnTotal(result, 'kafka.broker.0.networkInUtilization') / result.series.rows.length).toBeGreaterThan(0.5);
    expect(kafka.throttled.bufferExhausted).toBeGreaterThan(0); // buffer.memory full: send() blocks
  });

  it('a producer byte-rate quota delays the producer (throttle time) instead of rejecting records', () => {
    const { kafka } = runKafka(base('    partitions: 3\n    quotas: {producerByteRate: 300KB/s}'));
    expect(kafka.throttled.produceThrottleTimeMs).toBeGreaterThan(1000);
    expect(kafka.records.rejected).toBe(0);
    // 3 brokers x 300 KB/s = 900 KB/s while 2 MB/s is offered: most of it waits in the producer.
    expect(kafka.records.accepted).toBeLessThan(0.7 * 60_000);
  });

  it('follower fetching (KIP-392) takes consumer traffic off the cross-zone links', () => {
    const leaders = runKafka(base('    partitions: 6')).kafka;
    const local = runKafka(base('    partitions: 6\n    consumers: {app: {followerFetching: true}}')).kafka;
    const cross = (k: typeof leaders) => (k.crossZoneBytes as { consumer: number }).consumer;
    expect(cross(leaders)).toBeGreaterThan(20e6); // about two thirds of 60 MB read from leaders in other zones
    expect(cross(local)).toBeLessThan(0.05 * cross(leaders));
    expect(local.cost.items['cross-AZ consumer traffic (GB)'] ?? 0).toBeLessThan(leaders.cost.items['cross-AZ consumer traffic (GB)']);
  });

  it('adding partitions moves keys to other partitions (murmur2 modulo the new count)', () => {
    const { kafka } = runKafka(base('    partitions: 6', 'timeline:\n  - {at: 15s, kafka: {addPartitions: 2}}'));
    const producer = (kafka.producers as Record<string, { keysMoved: number; recordsOfMovedKeys: number }>).p;
    expect(kafka.partitions).toBe(8);
    // A key stays only if hash % 6 == hash % 8: about a quarter of them.
    expect(producer.keysMoved / 5000).toBeGreaterThan(0.6);
    expect(producer.recordsOfMovedKeys).toBeGreaterThan(10_000);
  });

  it('MSK does not bill replication traffic between brokers; self-managed EC2 pays it both ways', () => {
    const ec2 = runKafka(base('    partitions: 3')).kafka;
    const msk = runKafka(base('    deployment: msk\n    instance: kafka.m5.large\n    partitions: 3')).kafka;
    expect(ec2.cost.items['cross-AZ replication (GB)']).toBeGreaterThan(0);
    expect(msk.cost.items['cross-AZ replication (GB)']).toBeUndefined();
    expect(msk.cost.items['MSK broker-hours']).toBeCloseTo(3 * 0.21 * (30 / 3600), 6);
  });

  it('the KIP-848 protocol keeps the other members consuming while the crashed one\'s partitions move; eager range stops everyone', () => {
    const crash = 'timeline:\n  - {at: 5s, consumerFailure: {app: app, instance: 0}}';
    const slow = '    - {name: app, instances: 3, processingTime: 300us}';
    const eager = runKafka(base('    partitions: 6\n    consumer: {groupProtocol: classic, assignor: range}', crash, slow).replace('30s', '60s')).kafka;
    const kip848 = runKafka(base('    partitions: 6\n    consumer: {groupProtocol: consumer}', crash, slow).replace('30s', '60s')).kafka;
    // Both wait session.timeout.ms (45 s) for the crashed member's partitions.
    expect(eager.consumers.app.lagMaxMs).toBeGreaterThan(40_000);
    expect(kip848.consumers.app.lagMaxMs).toBeGreaterThan(40_000);
    expect(eager.consumers.app.rebalances as number).toBeGreaterThan(kip848.consumers.app.rebalances as number);
  });

  it('zstd compression shrinks what crosses zones by its ratio (3.794 on Cloudflare\'s batches) and costs consumer CPU', () => {
    const plain = runKafka(base('    partitions: 3')).kafka;
    const zstd = runKafka(base('    partitions: 3\n    producer: {compression: zstd}')).kafka;
    const replication = (k: typeof plain) => (k.crossZoneBytes as { replication: number }).replication;
    expect(replication(plain) / replication(zstd)).toBeGreaterThan(3.3); // batch headers are not compressed
    expect(replication(plain) / replication(zstd)).toBeLessThan(3.8);
    // Fewer bytes also cross the NICs faster: the CPU cost shows in latency once compressing and
    // decompressing are slower than the network (here a core doing 20 MB/s each way).
    const slowCpu = runKafka(base('    partitions: 3\n    producer: {compression: {type: zstd, compressBytesPerSec: 20MB/s, decompressBytesPerSec: 20MB/s}}')).kafka;
    expect(slowCpu.consumers.app.latencyMs!.p50).toBeGreaterThan(plain.consumers.app.latencyMs!.p50);
  });

  it('a clean stop of every instance (consumerOutage) commits first: it lags while away and re-reads nothing', () => {
    const { kafka } = runKafka(base('    partitions: 3', 'timeline:\n  - {at: 5s, consumerOutage: {app: app, for: 15s}}'));
    expect(kafka.consumers.app.lagMaxMs).toBeGreaterThan(10_000);
    expect(kafka.consumers.app.duplicates).toBe(0);
    expect(kafka.consumers.app.backlog).toBeLessThan(1000);
  });

  it('a consumer that starts from latest skips what was written before it started, and says so', () => {
    const { kafka } = runKafka(base('    partitions: 3', '', '    - {name: late, startAt: 10s, startFrom: latest}'));
    const late = kafka.consumers.late;
    expect(late.skipped as number).toBeGreaterThan(15_000); // about 10 s of 2,000 records/s
    expect(late.delivered).toBeGreaterThan(30_000);
  });

  it('the same scenario and seed give the same summary', () => {
    const a = runKafka(base('    partitions: 4', 'timeline:\n  - {at: 10s, kafka: {failBroker: 2, for: 10s}}')).result;
    const b = runKafka(base('    partitions: 4', 'timeline:\n  - {at: 10s, kafka: {failBroker: 2, for: 10s}}')).result;
    expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
    expect(JSON.stringify(b.series)).toBe(JSON.stringify(a.series));
  });

  it('rejects min.insync.replicas above the replication factor, and a replication factor above the broker count', () => {
    const bad = base('    brokers: 2\n    zones: 2\n    replicationFactor: 3\n    minInsyncReplicas: 4');
    expect(() => parseScenario(bad, 'bad.yaml')).toThrow(ScenarioError);
    try {
      parseScenario(bad, 'bad.yaml');
    } catch (e) {
      const text = (e as Error).message;
      expect(text).toContain('systems.kafka.minInsyncReplicas');
      expect(text).toContain('systems.kafka.replicationFactor');
    }
  });
});
