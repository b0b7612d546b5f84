import type { Micros } from '../../engine/time.ts';
import { SECOND } from '../../engine/time.ts';
import type { TokenBucket } from '../../engine/token-bucket.ts';
import type { KinesisConfig } from './config.ts';
import { HashRouter } from './routing.ts';
import { Shard, type ShardAllowance } from './shard.ts';
import { Topology, type TopologyChange } from './topology.ts';

/** At most about this many chunks per shard log, whatever the retention (bounds memory). */
const MAX_CHUNKS_PER_SHARD = 50_000;
/** Finest chunk span: a second of arrivals per chunk. */
const MIN_CHUNK_SPAN = SECOND;

/**
 * A stream: its shards (open and closed), routing of hash keys to open shards, retention, and an
 * optional stream-wide write allowance (on-demand capacity). Resharding goes through `Topology`, so
 * the scenario check and the model agree on shard ids and ranges.
 */
export class Stream {
  readonly topology: Topology;
  readonly shards: Shard[] = [];
  router!: HashRouter;
  /** Bumped whenever open shards change: producers re-route their keys. */
  version = 0;
  private retentionValue: Micros;
  private previousRetention: Micros | undefined;
  private previousUntil: Micros = 0;
  /** On-demand write capacity; undefined in provisioned mode. */
  streamWriteBytes: TokenBucket | undefined;
  readonly chunkSpan: Micros;
  readonly onTopologyChange: ((change: TopologyChange, now: Micros) => void)[] = [];
  readonly onTrim: ((shard: Shard) => void)[] = [];
  /**
   * Called before anyone looks at the shards at `now` (a read, a sample, a capacity check): lazy
   * producer clients perform their sends due by then, so every observer sees exactly what has arrived.
   * With `shard`, the observer looks at that shard's log alone (a read of one shard).
   */
  observe: (now: Micros, shard?: number) => void = () => {};

  constructor(
    config: KinesisConfig,
    initialShards: number,
    readonly allowance: ShardAllowance,
    longestRetention: Micros,
  ) {
    this.retentionValue = config.retention;
    this.chunkSpan = Math.max(MIN_CHUNK_SPAN, Math.ceil(longestRetention / MAX_CHUNKS_PER_SHARD));
    this.topology = new Topology(initialShards);
    for (const desc of this.topology.shards) this.shards.push(new Shard(desc.index, desc.range, desc.parents, 0, allowance, this.chunkSpan));
    this.reroute();
  }

  get openShards(): Shard[] {
    return this.topology.open().map((d) => this.shards[d.index]);
  }

  get openCount(): number {
    return this.topology.openCount;
  }

  /** Retention in force at `now` (an increase takes effect after a delay; a decrease at once). */
  retentionAt(now: Micros): Micros {
    return this.previousRetention !== undefined && now < this.previousUntil ? this.previousRetention : this.retentionValue;
  }

  get retention(): Micros {
    return this.retentionValue;
  }

  setRetention(value: Micros, now: Micros, increaseDelay: Micros): void {
    this.observe(now);
    const current = this.retentionAt(now);
    this.previousRetention = value > current ? current : undefined;
    this.previousUntil = value > current ? now + increaseDelay : 0;
    this.retentionValue = value;
  }

  /**
   * Records that arrived before this are gone at `now`. After an increase, the old retention went on
   * trimming until the increase took effect, whether or not anyone looked in between.
   */
  cutoffAt(now: Micros): Micros {
    const cutoff = now - this.retentionAt(now);
    if (this.previousRetention === undefined) return cutoff;
    return Math.max(cutoff, Math.min(now, this.previousUntil) - this.previousRetention);
  }

  /** Drops records older than the retention from every shard; tells listeners whose trim point moved. */
  trim(now: Micros): void {
    this.observe(now);
    const cutoff = this.cutoffAt(now);
    if (cutoff <= 0) return;
    for (const shard of this.shards) {
      const before = shard.log.trimPoint;
      if (shard.log.trim(cutoff) !== before) for (const listener of this.onTrim) listener(shard);
    }
  }

  /** Trims one shard (before a read, so nothing past the retention is ever returned). */
  trimShard(shard: Shard, now: Micros): void {
    this.observe(now, shard.index);
    const cutoff = this.cutoffAt(now);
    if (cutoff <= 0) return;
    const before = shard.log.trimPoint;
    if (shard.log.trim(cutoff) !== before) for (const listener of this.onTrim) listener(shard);
  }

  /** Applies a resharding change: parents close (readable until retention empties them), children open. */
  applyChange(change: TopologyChange, now: Micros): void {
    this.observe(now);
    for (const index of change.closed) {
      const shard = this.shards[index];
      shard.state = 'closed';
      shard.closedAt = now;
    }
    for (const desc of change.created) {
      const shard = new Shard(desc.index, desc.range, desc.parents, now, this.allowance, this.chunkSpan);
      this.shards.push(shard);
      for (const p of desc.parents) this.shards[p].children.push(desc.index);
    }
    this.reroute();
    for (const listener of this.onTopologyChange) listener(change, now);
  }

  private reroute(): void {
    const open = this.topology.open();
    this.router = new HashRouter(
      open.map((d) => d.index),
      open.map((d) => d.range),
    );
    this.version++;
  }
}
