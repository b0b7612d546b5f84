import { describe, expect, it } from 'vitest';
import { columnTotal, runKafkaFile } from './run-kafka.ts';

/** Each scenarios/kafka-*.yaml runs, conserves every record, and shows what its header says it shows. */
describe('Kafka scenarios', () => {
  it('broker failure with acks=all, min.insync.replicas=2, RF 3: nothing lost; the ISR shrinks and re-expands', () => {
    const { kafka } = runKafkaFile('kafka-broker-failure.yaml');
    expect(kafka.records.lost).toBe(0);
    expect(kafka.leaderElections).toBeGreaterThanOrEqual(4); // broker 0 led 4 of 12 partitions
    expect(kafka.isrShrinks).toBe(kafka.isrExpands); // the restarted broker catches up and rejoins every ISR
    expect(kafka.underReplicatedPartitionMinutes).toBeGreaterThan(0);
  });

  it('a zone outage loses nothing with RF 3 over three zones; the consumer instance there is replaced after 45 s', () => {
    const { kafka } = runKafkaFile('kafka-zone-outage.yaml');
    expect(kafka.records.lost).toBe(0);
    const sessions = kafka.consumers.sessions;
    expect(sessions.lagMaxMs).toBeGreaterThanOrEqual(45_000); // session.timeout.ms before its partitions move
    expect(sessions.duplicates).toBeGreaterThan(0); // re-read from the last auto-commit
  });

  it('a Zipf-popular key makes one partition hot and its consumer lag', () => {
    const { result, kafka } = runKafkaFile('kafka-hot-partition.yaml');
    const bytes = Array.from({ length: 8 }, (_, p) => columnTotal(result, `kafka.unit.events-${p}.inBytes`));
    const mean = bytes.reduce((a, b) => a + b, 0) / bytes.length;
    expect(Math.max(...bytes)).toBeGreaterThan(2.5 * mean);
    expect(kafka.consumers.alerts.backlog).toBeGreaterThan(10_000);
  });

  it('a crashed consumer instance: partitions unread for session.timeout.ms, up to an auto-commit interval re-processed', () => {
    const { kafka } = runKafkaFile('kafka-consumer-crash.yaml');
    const ledger = kafka.consumers.ledger;
    expect(ledger.lagMaxMs).toBeGreaterThanOrEqual(45_000);
    expect(ledger.duplicates).toBeGreaterThan(0);
    expect(ledger.duplicates).toBeLessThan(2 * 2000 * 5); // at most ~5 s of the instance's share, twice over (crash and return)
  });

  it('size-based retention deletes whole segments a slow consumer had not read: those records are expired', () => {
    const { kafka } = runKafkaFile('kafka-small-disk.yaml');
    const archive = kafka.consumers.archive;
    expect(archive.expired).toBeGreaterThan(100_000);
    expect(archive.duplicates).toBe(0);
    // Each broker holds a replica of the 4 partitions: at most 64 MiB + a closed 8 MiB segment + the
    // active one, + 30 s between retention checks and 60 s of file.delete.delay.ms at 1 MB/s each.
    const bound = 4 * (64 * 1024 ** 2 + 2 * 8 * 1024 ** 2 + 90e6);
    for (const b of kafka.brokers as { diskUsedBytes: number }[]) expect(b.diskUsedBytes).toBeLessThan(bound);
  });

  it('scale-out: three brokers join at 40 s; the 20 MB/s-throttled move spreads the topic over six brokers without losing a record', () => {
    const { result, kafka } = runKafkaFile('kafka-scale-out.yaml');
    expect(kafka.records.lost).toBe(0);
    expect(kafka.records.rejected).toBe(0);
    const [move] = kafka.reassignments as { partitionsStillMoving: number; reassignmentSeconds: number; bytesMoved: number; bytesToCopyAtStart: number }[];
    expect(move.partitionsStillMoving).toBe(0);
    // 40 s of 10 MB/s (400 MB) copied 1.5 times over, plus new writes, at most 20 MB/s per broker over 3 senders: about 20 s.
    expect(move.bytesMoved).toBeGreaterThan(move.bytesToCopyAtStart);
    expect(move.reassignmentSeconds).toBeGreaterThan(move.bytesToCopyAtStart / (3 * 20e6) - 1);
    for (const b of kafka.brokers as { replicas: number; leaderPartitions: number; diskUsedBytes: number }[]) {
      expect(b.replicas).toBe(6);
      expect(b.leaderPartitions).toBeGreaterThan(0);
      expect(b.diskUsedBytes).toBeGreaterThan(0);
    }
    expect(columnTotal(result, 'kafka.UnderReplicatedPartitions')).toBe(0);
  });

  it('MirrorMaker 2 failover: the target lacks about one link latency of acknowledged records; consumers rewind to the last checkpoint', () => {
    const { kafka } = runKafkaFile('kafka-mirror-failover.yaml');
    const mirror = kafka.mirror as { failovers: { acknowledgedNotReplicated: number; reprocessedAfterFailover: Record<string, number> }[] };
    const [failover] = mirror.failovers;
    expect(failover.acknowledgedNotReplicated).toBeGreaterThan(0);
    expect(failover.acknowledgedNotReplicated).toBeLessThan(3000); // under a second of traffic at 3,000 records/s
    expect(failover.reprocessedAfterFailover.fulfilment).toBeGreaterThan(0);
    // At most a checkpoint interval (60 s) plus an auto-commit interval (5 s) of traffic, and a little for offset-sync granularity.
    expect(failover.reprocessedAfterFailover.fulfilment).toBeLessThanOrEqual(3000 * 66);
  });
});
