import { BandwidthLink } from '../../engine/bandwidth-link.ts';
import { LatencyHistogram } from '../../engine/metrics.ts';
import { MILLISECOND, type Micros } from '../../engine/time.ts';
import type { KafkaCluster } from './cluster.ts';
import type { KafkaConfig } from './config.ts';
import type { LogSlice } from './partition-log.ts';
import { MAX_PARTITION_FETCH_BYTES, FETCH_MAX_BYTES } from './defaults.ts';

type MirrorConfig = NonNullable<KafkaConfig['mirror']>;

export interface FailoverReport {
  atSeconds: number;
  /** Acknowledged records on the source that the target had not received. */
  acknowledgedNotReplicated: number;
  /** Per application: records it will process again on the target (its committed offset as last checkpointed and translated). */
  reprocessedAfterFailover: Record<string, number>;
  replicationLagMs: number;
}

/**
 * MirrorMaker 2 copying the topic to a target cluster (Kafka docs, "Geo-Replication"; KIP-382): a source task that
 * consumes from the source leaders (`fetch.max.wait.ms` long poll, `max.partition.fetch.bytes`) and
 * produces over the inter-region link; offset syncs when a partition drifts more than
 * `offset.lag.max` records; checkpoints of every group's committed offsets every
 * `emit.checkpoints.interval.seconds`, translated through the latest sync at or below them.
 * The target cluster is taken to keep up with what arrives (its own brokers are not simulated).
 */
export class MirrorMaker {
  private mirrored: number[] = [];
  private syncs: number[][] = [];
  private checkpoints = new Map<string, number[]>();
  private readonly link: BandwidthLink;
  readonly replicationLatency = new LatencyHistogram();
  replicatedRecords = 0;
  replicatedBytes = 0;
  expiredBeforeMirrored = 0;
  readonly failovers: FailoverReport[] = [];
  private readonly slices: LogSlice[] = [];

  constructor(
    private readonly cluster: KafkaCluster,
    private readonly cfg: MirrorConfig,
  ) {
    this.link = new BandwidthLink(cfg.linkBandwidth);
    this.grow(cluster.partitions.length);
    for (const app of cluster.apps) this.checkpoints.set(app.name, []);
  }

  grow(n: number): void {
    for (let p = this.mirrored.length; p < n; p++) {
      this.mirrored.push(0);
      this.syncs.push([0]);
      for (const list of this.checkpoints.values()) list.push(0);
    }
  }

  start(): void {
    this.cluster.sim.schedule(0, () => this.poll(this.cluster.sim.now));
    const checkpoint = () => {
      this.emitCheckpoints();
      this.cluster.sim.schedule(this.cfg.emitCheckpointsInterval, checkpoint);
    };
    this.cluster.sim.schedule(this.cfg.emitCheckpointsInterval, checkpoint);
  }

  /** Retention deleted data MirrorMaker had not copied yet. */
  onDeleted(p: number, newStart: number): void {
    if (this.mirrored[p] < newStart) {
      this.expiredBeforeMirrored += this.cluster.partitions[p].log.countAccepted(this.mirrored[p], newStart);
      this.mirrored[p] = newStart;
    }
  }

  private poll(now: Micros): void {
    let total = 0;
    let uncachedByBroker = new Map<number, number>();
    const got: { p: number; to: number; slices: LogSlice[] }[] = [];
    for (const partition of this.cluster.partitions) {
      if (total >= FETCH_MAX_BYTES || partition.leader < 0) continue;
      const from = Math.max(this.mirrored[partition.id], partition.log.logStartOffset);
      if (partition.hw <= from) continue;
      this.slices.length = 0;
      total += partition.log.read(from, partition.hw, MAX_PARTITION_FETCH_BYTES, false, this.slices);
      if (this.slices.length === 0) continue;
      const leader = this.cluster.brokers[partition.leader];
      for (const s of this.slices) if (!leader.isCached(s.appendTime)) uncachedByBroker.set(leader.id, (uncachedByBroker.get(leader.id) ?? 0) + s.bytes);
      got.push({ p: partition.id, to: this.slices[this.slices.length - 1].to, slices: this.slices.slice() });
    }
    if (got.length === 0) {
      this.cluster.sim.schedule(this.cfg.fetchMaxWaitMs * MILLISECOND, () => this.poll(this.cluster.sim.now));
      return;
    }
    let ready = now;
    for (const [b, bytes] of uncachedByBroker) ready = Math.max(ready, this.cluster.brokers[b].disk.transmit(bytes, now));
    uncachedByBroker = new Map();
    for (const x of got) {
      const leader = this.cluster.brokers[this.cluster.partitions[x.p].leader];
      const bytes = x.slices.reduce((a, s) => a + s.bytes, 0);
      ready = Math.max(ready, leader.netOut.transmit(bytes, now));
      leader.bytesOut += bytes;
    }
    const arrival = this.link.transmit(total, ready) + this.cfg.linkLatency;
    this.cluster.crossZone.mirror += total;
    for (const x of got) this.mirrored[x.p] = x.to; // the task's position moves on; the target has them at arrival
    this.cluster.sim.at(arrival, () => {
      const t = this.cluster.sim.now;
      for (const x of got) {
        for (const s of x.slices) {
          if (s.extra) continue;
          const n = s.to - s.from;
          this.replicatedRecords += n;
          this.replicatedBytes += s.bytes;
          this.replicationLatency.recordSpread(t - s.lastTime, t - s.firstTime, n);
        }
        this.arrived[x.p] = Math.max(this.arrived[x.p] ?? 0, x.to);
        const syncs = this.syncs[x.p];
        if (x.to - syncs[syncs.length - 1] > this.cfg.offsetLagMax) {
          syncs.push(x.to);
          if (syncs.length > 4096) syncs.splice(0, syncs.length - 4096);
        }
      }
      this.poll(t);
    });
  }

  /** Offsets present on the target, per partition. */
  private arrived: number[] = [];

  private emitCheckpoints(): void {
    for (const app of this.cluster.apps) {
      const list = this.checkpoints.get(app.name)!;
      app.committed.forEach((committed, p) => {
        if (committed < 0) return;
        // Translate through the latest offset sync at or below the committed offset.
        const syncs = this.syncs[p] ?? [0];
        let translated = 0;
        for (const s of syncs) if (s <= committed && s <= (this.arrived[p] ?? 0)) translated = s;
        list[p] = translated;
      });
    }
  }

  /** The source is lost now: what had the target not received, and how far back do consumers restart there? */
  failover(now: Micros): FailoverReport {
    let notReplicated = 0;
    let lagMs = 0;
    for (const partition of this.cluster.partitions) {
      const have = this.arrived[partition.id] ?? 0;
      notReplicated += partition.log.countAccepted(have, partition.log.endOffset);
      const t = partition.log.timeAt(Math.max(have, partition.log.logStartOffset));
      if (t !== undefined) lagMs = Math.max(lagMs, (now - t) / MILLISECOND);
    }
    const reprocessed: Record<string, number> = Object.create(null);
    for (const app of this.cluster.apps) {
      const list = this.checkpoints.get(app.name)!;
      let n = 0;
      app.accounted.forEach((done, p) => (n += Math.max(0, Math.min(done, this.arrived[p] ?? 0) - (list[p] ?? 0))));
      reprocessed[app.name] = n;
    }
    const report = { atSeconds: now / 1e6, acknowledgedNotReplicated: notReplicated, reprocessedAfterFailover: reprocessed, replicationLagMs: lagMs };
    this.failovers.push(report);
    return report;
  }

  /** Records the target is behind the source's high watermark, now. */
  lagRecords(): number {
    let n = 0;
    for (const partition of this.cluster.partitions) n += Math.max(0, partition.hw - (this.arrived[partition.id] ?? 0));
    return n;
  }
}
