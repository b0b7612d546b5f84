import { DAY, HOUR, type Micros } from '../../engine/time.ts';
import { HOURS_PER_MONTH } from '../../simulation/cost.ts';
import { EXTENDED_RETENTION_LIMIT } from './limits.ts';
import { BYTES_PER_GB, type KinesisUsage } from './pricing.ts';
import type { Stream } from './stream.ts';

/**
 * Accrues the billable usage of a stream over time (pricing.ts turns it into dollars). Time-based
 * items (shard-hours, retention storage, EFO consumer-shard-hours) are integrated between changes:
 * call `accrue(now)` before anything that changes them (resharding, retention, a consumer starting).
 */
export class UsageMeter {
  readonly usage: KinesisUsage;
  private lastAt: Micros = 0;
  private readonly olderThanDay = new Map<number, { bytesBefore: (cutoff: Micros) => number }>();
  private readonly olderThanWeek = new Map<number, { bytesBefore: (cutoff: Micros) => number }>();
  /** Enhanced fan-out consumers registered now. */
  efoConsumers = 0;

  constructor(
    private readonly stream: Stream,
    mode: 'provisioned' | 'on-demand',
  ) {
    this.usage = {
      mode,
      shardHours: 0, putPayloadUnits: 0, extendedRetentionShardHours: 0,
      longTermRetentionGBMonths: 0, longTermRetrievalGB: 0,
      efoConsumerShardHours: 0, efoRetrievalGB: 0,
      streamHours: 0, onDemandBilledGBIn: 0, onDemandGBOut: 0, onDemandExtendedRetentionGBMonths: 0,
      dynamoWriteRequestUnits: 0, dynamoReadRequestUnits: 0,
    };
  }

  accrue(now: Micros): void {
    const dt = now - this.lastAt;
    if (dt <= 0) return;
    const hours = dt / HOUR;
    const u = this.usage;
    const open = this.stream.openCount;
    const retention = this.stream.retentionAt(now);
    if (u.mode === 'provisioned') {
      u.shardHours += open * hours;
      if (retention > DAY) u.extendedRetentionShardHours += open * hours;
      u.efoConsumerShardHours += this.efoConsumers * open * hours;
    } else {
      u.streamHours += hours;
      if (retention > DAY) {
        const bytes = this.bytesOlderThan(this.olderThanDay, now - DAY) - this.bytesOlderThan(this.olderThanWeek, now - EXTENDED_RETENTION_LIMIT);
        u.onDemandExtendedRetentionGBMonths += (bytes / BYTES_PER_GB) * (hours / HOURS_PER_MONTH);
      }
    }
    if (retention > EXTENDED_RETENTION_LIMIT) {
      const bytes = this.bytesOlderThan(this.olderThanWeek, now - EXTENDED_RETENTION_LIMIT);
      u.longTermRetentionGBMonths += (bytes / BYTES_PER_GB) * (hours / HOURS_PER_MONTH);
    }
    this.lastAt = now;
  }

  private bytesOlderThan(cursors: Map<number, { bytesBefore: (cutoff: Micros) => number }>, cutoff: Micros): number {
    if (cutoff <= 0) return 0;
    let total = 0;
    for (const shard of this.stream.shards) {
      let cursor = cursors.get(shard.index);
      if (!cursor) {
        cursor = shard.log.ageCursor();
        cursors.set(shard.index, cursor);
      }
      total += cursor.bytesBefore(cutoff);
    }
    return total;
  }
}
