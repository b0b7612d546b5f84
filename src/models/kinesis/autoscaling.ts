import type { Simulator } from '../../engine/simulator.ts';
import { SECOND, type Micros } from '../../engine/time.ts';
import type { KinesisConfig } from './config.ts';
import type { WriteStats } from './write-stats.ts';

type Policy = NonNullable<KinesisConfig['autoscaling']>;

/**
 * A target-tracking scaling policy for a provisioned stream, the "change shard counts through the
 * day to save money" practice: every `evaluationInterval` it measures write demand (bytes and KDS
 * records sent, accepted or throttled, as IncomingBytes + WriteProvisionedThroughputExceeded show it)
 * and sizes the stream so demand is `targetUtilization` of the shards' limits. It scales out at once
 * and in only after demand has stayed low for `scaleInDelay`. It calls UpdateShardCount through the
 * model, so the same limits apply: x2 and /2 per call, 10 calls per rolling 24 hours, one reshard at
 * a time. A call the rules refuse is skipped (and counted).
 */
export class Autoscaler {
  private lastBytes = 0;
  private lastRecords = 0;
  private lowSince: Micros | undefined;
  decisions = 0;
  refused = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly policy: Policy,
    private readonly config: KinesisConfig,
    private readonly stats: WriteStats,
    private readonly openShards: () => number,
    /** Calls UpdateShardCount; returns why it was refused, or undefined. */
    private readonly updateShardCount: (target: number) => string | undefined,
    /** Brings the stream up to date before measuring. */
    private readonly observe: (now: Micros) => void,
  ) {}

  start(): void {
    this.sim.at(this.policy.evaluationInterval, () => this.evaluate());
  }

  private evaluate(): void {
    const now = this.sim.now;
    this.observe(now);
    const seconds = this.policy.evaluationInterval / SECOND;
    const bytes = this.stats.demandBytes.total - this.lastBytes;
    const records = this.stats.sentKdsRecords.total - this.lastRecords;
    this.lastBytes = this.stats.demandBytes.total;
    this.lastRecords = this.stats.sentKdsRecords.total;
    const l = this.config.limits;
    const u = this.policy.targetUtilization;
    const needed = Math.max(
      Math.ceil(bytes / seconds / (l.shardWriteBytesPerSec * u)),
      Math.ceil(records / seconds / (l.shardWriteRecordsPerSec * u)),
    );
    const wanted = Math.min(this.policy.maxShards, Math.max(this.policy.minShards, needed));
    const current = this.openShards();
    let target: number | undefined;
    if (wanted > current) {
      this.lowSince = undefined;
      target = Math.min(wanted, current * 2);
    } else if (wanted < current) {
      this.lowSince ??= now;
      if (now - this.lowSince >= this.policy.scaleInDelay) target = Math.max(wanted, Math.ceil(current / 2));
    } else {
      this.lowSince = undefined;
    }
    if (target !== undefined && target !== current) {
      this.decisions++;
      if (this.updateShardCount(target) !== undefined) this.refused++;
      else this.lowSince = undefined;
    }
    this.sim.schedule(this.policy.evaluationInterval, () => this.evaluate());
  }
}
