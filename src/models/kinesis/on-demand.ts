import type { Simulator } from '../../engine/simulator.ts';
import { TokenBucket } from '../../engine/token-bucket.ts';
import { SECOND, type Micros } from '../../engine/time.ts';
import type { KinesisConfig } from './config.ts';
import { METRIC_PERIOD } from './limits.ts';
import type { Stream } from './stream.ts';
import type { WriteStats } from './write-stats.ts';

/**
 * On-demand (Standard) capacity ([Q-CUR], [DG-SIZE]). The stream starts at
 * 4 MB/s of writes on 4 shards. Each minute the service looks at the stream's write throughput: its
 * capacity becomes double the peak of the previous 30 days, but only `scalingDelay` (15 min) later, so
 * traffic that more than doubles within 15 minutes is throttled. A shard taking more than 500 KB/s in
 * a minute is split evenly in two, again `scalingDelay` later; an even split never isolates a key, so
 * a single hot key stays limited to one shard's 1 MiB/s and 1,000 records/s.
 */
export class OnDemandCapacity {
  bucket: TokenBucket;
  capacityBytesPerSec: number;
  /** Sliding 30-day maximum of per-minute write throughput: (time, bytes/s), values decreasing. */
  private peaks: { at: Micros; value: number }[] = [];
  private readonly pendingSplits = new Set<number>();
  splits = 0;

  constructor(
    private readonly sim: Simulator,
    private readonly stream: Stream,
    private readonly config: KinesisConfig,
    private readonly stats: WriteStats,
  ) {
    const c = config.onDemand;
    this.capacityBytesPerSec = c.initialWriteBytesPerSec;
    this.bucket = new TokenBucket(c.initialWriteBytesPerSec, c.initialWriteBytesPerSec * config.limits.writeBurstSeconds, 0, 0);
    stream.streamWriteBytes = this.bucket;
  }

  start(): void {
    this.sim.at(METRIC_PERIOD, () => this.tick());
  }

  private lastAccepted = 0;
  private readonly shardBytesAtTick = new Map<number, number>();

  private tick(): void {
    const now = this.sim.now;
    this.stream.observe(now);
    const c = this.config.onDemand;
    const accepted = this.stats.acceptedBytes.total;
    const throughput = ((accepted - this.lastAccepted) * SECOND) / METRIC_PERIOD;
    this.lastAccepted = accepted;
    // Sliding-window maximum (a monotonic queue: memory bounded by the window, not the run).
    while (this.peaks.length > 0 && this.peaks[this.peaks.length - 1].value <= throughput) this.peaks.pop();
    this.peaks.push({ at: now, value: throughput });
    while (this.peaks[0].at <= now - c.peakWindow) this.peaks.shift();
    const target = Math.min(c.maxWriteBytesPerSec, Math.max(c.initialWriteBytesPerSec, c.peakMultiplier * this.peaks[0].value));
    if (target !== this.capacityBytesPerSec) {
      this.sim.schedule(c.scalingDelay, () => this.setCapacity(target));
    }
    for (const shard of this.stream.openShards) {
      const before = this.shardBytesAtTick.get(shard.index) ?? 0;
      const bytes = shard.totalIncomingBytes - before;
      this.shardBytesAtTick.set(shard.index, shard.totalIncomingBytes);
      const rate = (bytes * SECOND) / METRIC_PERIOD;
      if (rate > c.splitThresholdBytesPerSec && !this.pendingSplits.has(shard.index)) {
        this.pendingSplits.add(shard.index);
        this.sim.schedule(c.scalingDelay, () => this.split(shard.index));
      }
    }
    this.sim.schedule(METRIC_PERIOD, () => this.tick());
  }

  /** A new allowance with a depth of `writeBurstSeconds` at the new rate, starting at the old balance. */
  private setCapacity(bytesPerSec: number): void {
    const now = this.sim.now;
    this.stream.observe(now);
    const depth = bytesPerSec * this.config.limits.writeBurstSeconds;
    const bucket = new TokenBucket(bytesPerSec, depth, 0, now);
    bucket.forceTake(depth - Math.min(depth, this.bucket.available(now)), now);
    this.capacityBytesPerSec = bytesPerSec;
    this.bucket = bucket;
    this.stream.streamWriteBytes = bucket;
  }

  private split(index: number): void {
    this.stream.observe(this.sim.now);
    this.pendingSplits.delete(index);
    const desc = this.stream.topology.shards[index];
    if (!desc.open) return;
    this.splits++;
    this.stream.applyChange(this.stream.topology.split(desc, 0.5), this.sim.now);
  }
}
