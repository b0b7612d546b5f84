import { MILLISECOND, type Micros } from '../../engine/time.ts';
import type { KafkaCluster } from './cluster.ts';

/** `file.delete.delay.ms` default 60000: a deleted segment's files leave the disk this much later. Kafka broker configs. */
export const FILE_DELETE_DELAY_MICROS: Micros = 60_000 * MILLISECOND;

/**
 * Log retention (Kafka topic configs `segment.bytes`, `retention.ms`): every `log.retention.check.interval.ms` each partition
 * deletes its oldest closed segments whose newest record is older than `retention.ms`, or while the
 * log is larger than `retention.bytes` by at least a segment; the active segment rolls first when all
 * of it is past retention. Records an application had not read are `expired` for it. The files leave
 * the disk `file.delete.delay.ms` later.
 */
export class Retention {
  /** Records deleted before MirrorMaker copied them. */
  onDelete: ((partition: number, newStart: number) => void)[] = [];

  constructor(private readonly cluster: KafkaCluster) {}

  start(): void {
    const interval = this.cluster.config.retentionCheckInterval;
    const check = () => {
      this.check(this.cluster.sim.now);
      this.cluster.sim.schedule(interval, check);
    };
    this.cluster.sim.schedule(interval, check);
  }

  check(now: Micros): void {
    const { config, partitions, apps, brokers, sim } = this.cluster;
    const before = now - config.retention;
    for (const p of partitions) {
      const log = p.log;
      log.rollIfAllOlderThan(before, now);
      const newStart = log.deletableUpTo(before, config.retentionBytes, p.hw);
      if (newStart <= log.logStartOffset) continue;
      const freed = p.replicas.map((_, r) => Math.max(0, log.bytesAt(Math.min(p.leo[r], newStart)) - log.bytesAt(log.logStartOffset)));
      for (const app of apps) app.onDeleted(p.id, newStart);
      for (const hook of this.onDelete) hook(p.id, newStart);
      log.deleteBefore(newStart);
      p.replicas.forEach((b, r) => {
        // A follower that had not reached the new start restarts from it (OFFSET_OUT_OF_RANGE on its fetch).
        if (p.leo[r] < newStart) p.leo[r] = newStart;
        const bytes = freed[r];
        if (bytes > 0) sim.schedule(FILE_DELETE_DELAY_MICROS, () => (brokers[b].diskUsedBytes -= bytes));
      });
    }
  }
}
