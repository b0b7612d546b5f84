import { describe, expect, it } from 'vitest';
import { runKafka, runKafkaFile } from './run-kafka.ts';

describe('Kafka durability', () => {
  // A stretched cluster (20 ms between zones) keeps about one round trip of data on the leader alone.
  const stretched = ['systems.kafka.network.crossZoneRtt=20ms'];

  it('acks=1 loses acknowledged records its followers had not copied when the leader crashed; acks=all loses none', () => {
    const acks1 = runKafkaFile('kafka-broker-failure.yaml', [...stretched, 'systems.kafka.producer.acks=1']).kafka;
    const acksAll = runKafkaFile('kafka-broker-failure.yaml', stretched).kafka;
    expect(acks1.records.lost).toBeGreaterThan(0);
    expect(acksAll.records.lost).toBe(0);
  });

  it('without idempotence, retries of batches the new leader already had are written twice: consumers see duplicates', () => {
    const plain = runKafkaFile('kafka-broker-failure.yaml', [...stretched, 'systems.kafka.producer.idempotence=false']).kafka;
    const idempotent = runKafkaFile('kafka-broker-failure.yaml', stretched).kafka;
    expect(plain.consumers.billing.duplicates).toBeGreaterThan(0);
    expect(idempotent.consumers.billing.duplicates).toBe(0);
  });

  // Partition on brokers 0 (leader) and 1 (follower), RF 2, min.insync.replicas 1, acks=1. The
  // follower crashes first and leaves the ISR; then the leader crashes; then the stale follower returns.
  const staleFollower = `
name: stale-follower
duration: 100s
workload:
  producers:
    - {name: p, rate: 1000/s, recordSize: 200B, keys: {count: 100}}
  consumers:
    - {name: reader}
systems:
  kafka:
    brokers: 2
    zones: 2
    partitions: 2
    replicationFactor: 2
    minInsyncReplicas: 1
    producer: {acks: 1}
timeline:
  - {at: 10s, kafka: {failBroker: 1, for: 40s}}
  - {at: 30s, kafka: {failBroker: 0, for: 60s}}
`;

  it('unclean leader election: the returning stale replica becomes leader and the records written since it left are lost', () => {
    const { kafka } = runKafka(staleFollower, ['systems.kafka.uncleanLeaderElection=true']);
    expect(kafka.uncleanLeaderElections).toBeGreaterThan(0);
    // Broker 0 took ~1,000 records/s alone between 19 s (broker 1 fenced) and 30 s.
    expect(kafka.records.lost).toBeGreaterThan(5_000);
    expect(kafka.consumers.reader.deliveredThenLost).toBeGreaterThan(0); // the reader had already processed some of them
  });

  it('without unclean election the partition stays offline until its last in-sync replica returns: unavailable, nothing lost', () => {
    const { kafka } = runKafka(staleFollower);
    expect(kafka.uncleanLeaderElections).toBe(0);
    expect(kafka.records.lost).toBe(0);
    // Both partitions offline from 39 s (broker 0 fenced) until broker 0 returns at 90 s; the producer holds the records.
    expect(kafka.consumers.reader.latencyMs!.max).toBeGreaterThan(45_000);
    expect(kafka.records.rejected).toBe(0);
  });

  it('with two of three brokers down, acks=all writes fail with NotEnoughReplicas (min.insync.replicas=2) and are retried, never lost', () => {
    const { kafka } = runKafka(`
name: two-down
duration: 60s
workload:
  producers:
    - {name: p, rate: 500/s, recordSize: 500B, keys: {count: 100}}
systems:
  kafka:
    partitions: 3
timeline:
  - {at: 10s, kafka: {failBroker: 1, for: 30s}}
  - {at: 10s, kafka: {failBroker: 2, for: 30s}}
`);
    expect(kafka.throttled.NotEnoughReplicas).toBeGreaterThan(0);
    expect(kafka.records.lost).toBe(0);
  });
});
