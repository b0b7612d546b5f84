import type { ScheduledEvent } from '../../engine/simulator.ts';
import type { Micros } from '../../engine/time.ts';
import type { Broker } from './broker.ts';
import type { KafkaCluster } from './cluster.ts';
import { PartitionLog, type LogSlice } from './partition-log.ts';

/**
 * One topic partition: its log (as the leader holds it), its replicas with their log end offsets,
 * the in-sync replica set and the high watermark (reference/kafka.md §2.2): "a message is
 * considered committed when all replicas in the ISR for that partition have applied it to their
 * log. Only committed messages are ever given out to the consumer."
 */
export class Partition {
  readonly log: PartitionLog;
  /** Broker ids; the first is the preferred leader. */
  replicas: number[];
  /** Leader broker id, or -1 while the partition is offline. */
  leader: number;
  leaderEpoch = 0;
  inIsr: boolean[];
  /** Log end offset of each replica (the leader's is the log's end). */
  leo: number[];
  lastCaughtUp: Micros[];
  private lastFetchAt: Micros[];
  private leaderLeoAtLastFetch: number[];
  /** The high watermark each follower last heard from the leader (what a follower may serve, KIP-392). */
  knownHw: number[];
  hw = 0;
  /** Bytes and records accepted in the current sample interval (per-partition heatmap). */
  intervalInBytes = 0;

  constructor(
    readonly id: number,
    readonly name: string,
    replicas: number[],
    segmentBytes: number,
    segmentMicros: Micros,
  ) {
    this.log = new PartitionLog(segmentBytes, segmentMicros);
    this.replicas = replicas;
    this.leader = replicas[0];
    this.inIsr = replicas.map(() => true);
    this.leo = replicas.map(() => 0);
    this.lastCaughtUp = replicas.map(() => 0);
    this.lastFetchAt = replicas.map(() => 0);
    this.leaderLeoAtLastFetch = replicas.map(() => 0);
    this.knownHw = replicas.map(() => 0);
  }

  indexOf(brokerId: number): number {
    return this.replicas.indexOf(brokerId);
  }

  get isrSize(): number {
    let n = 0;
    for (const inSync of this.inIsr) if (inSync) n++;
    return n;
  }

  get underReplicated(): boolean {
    return this.isrSize < this.replicas.length;
  }

  /** The leader's log end offset moved (an append). */
  setLeaderLeo(offset: number): void {
    const r = this.indexOf(this.leader);
    this.leo[r] = offset;
  }

  /**
   * A follower's fetch arrived at the leader with `fetchOffset` = its log end offset. Updates the
   * caught-up time as Kafka's Replica.updateFetchState does: caught up if it asks for the leader's
   * current end, or for at least the end the leader had at its previous fetch.
   */
  recordFollowerFetch(r: number, fetchOffset: number, now: Micros): void {
    this.leo[r] = fetchOffset;
    const leaderEnd = this.log.endOffset;
    if (fetchOffset >= leaderEnd) this.lastCaughtUp[r] = now;
    else if (fetchOffset >= this.leaderLeoAtLastFetch[r]) this.lastCaughtUp[r] = Math.max(this.lastCaughtUp[r], this.lastFetchAt[r]);
    this.leaderLeoAtLastFetch[r] = leaderEnd;
    this.lastFetchAt[r] = now;
  }

  /** min(LEO) over the ISR; the high watermark never goes back while the leader stays. */
  computeHighWatermark(): number {
    let hw = Number.POSITIVE_INFINITY;
    for (let r = 0; r < this.replicas.length; r++) if (this.inIsr[r] && this.leo[r] < hw) hw = this.leo[r];
    return hw === Number.POSITIVE_INFINITY ? this.hw : Math.max(this.hw, hw);
  }
}

/**
 * A follower broker's replica fetcher thread for one leader broker (`num.replica.fetchers` = 1,
 * reference/kafka.md §2.1): a long poll that copies whole batches of every partition the pair
 * shares, waiting up to `replica.fetch.wait.max.ms` when there is nothing new. The next fetch,
 * carrying the follower's new log end offsets, is what lets the leader advance the high watermark.
 */
export class ReplicaFetcher {
  private parkedTimer: ScheduledEvent | undefined;
  running = false;
  parked = false;
  private readonly slices: LogSlice[] = [];

  constructor(
    private readonly cluster: KafkaCluster,
    readonly follower: Broker,
    readonly leader: Broker,
  ) {}

  start(now: Micros): void {
    if (this.running) return;
    this.running = true;
    this.fetch(now);
  }

  /** Wakes a parked fetch because the leader appended to a partition this follower replicates. */
  wake(now: Micros): void {
    if (!this.parked) return;
    this.parked = false;
    this.leader.parkedReplicaFetchers.delete(this);
    this.cluster.sim.cancel(this.parkedTimer);
    this.fetch(now);
  }

  stop(): void {
    this.running = false;
    if (this.parked) {
      this.parked = false;
      this.leader.parkedReplicaFetchers.delete(this);
      this.cluster.sim.cancel(this.parkedTimer);
    }
  }

  /** A fetch request arrives at the leader. */
  private fetch(now: Micros): void {
    const { cluster, follower, leader } = this;
    if (!follower.alive || !leader.alive) {
      this.running = false;
      return;
    }
    const cfg = cluster.config;
    const led = cluster.partitionsLedBy(leader.id);
    let shared = 0;
    const reads: { partition: Partition; r: number; from: number; to: number; bytes: number; cached: boolean; slices: number }[] = [];
    let responseBytes = 0;
    let uncachedBytes = 0;
    for (const p of led) {
      const r = p.indexOf(follower.id);
      if (r < 0) continue;
      shared++;
      p.recordFollowerFetch(r, p.leo[r], now);
      cluster.maybeExpandIsr(p, r, now);
      cluster.updateHighWatermark(p, now);
      if (p.leo[r] >= p.log.endOffset || responseBytes >= cfg.replicaFetchResponseMaxBytes) continue;
      if (!follower.hasRoom(0)) continue;
      this.slices.length = 0;
      const limit = Math.min(cfg.replicaFetchMaxBytes, cfg.replicaFetchResponseMaxBytes - responseBytes);
      const bytes = p.log.read(p.leo[r], p.log.endOffset, limit, true, this.slices);
      if (bytes <= 0 || this.slices.length === 0) continue;
      const to = this.slices[this.slices.length - 1].to;
      let uncached = 0;
      for (const s of this.slices) if (!leader.isCached(s.appendTime)) uncached += s.bytes;
      uncachedBytes += uncached;
      responseBytes += bytes;
      reads.push({ partition: p, r, from: p.leo[r], to, bytes, cached: uncached === 0, slices: this.slices.length });
    }
    if (shared === 0) {
      this.running = false;
      return;
    }
    if (reads.length === 0) {
      this.parked = true;
      leader.parkedReplicaFetchers.add(this);
      this.parkedTimer = cluster.sim.schedule(cfg.replicaFetchWaitMaxMs * 1000, () => {
        if (!this.parked) return;
        this.parked = false;
        leader.parkedReplicaFetchers.delete(this);
        this.fetch(cluster.sim.now);
      });
      return;
    }
    // Old data comes off the leader's disk; then over the leader's NIC, the follower's NIC, and onto its disk.
    let ready = now;
    if (uncachedBytes > 0) {
      ready = leader.disk.transmit(uncachedBytes, now);
      leader.diskReadBytes += uncachedBytes;
    }
    const sent = leader.netOut.transmit(responseBytes, ready);
    const received = follower.netIn.transmit(responseBytes, sent);
    const written = follower.disk.transmit(responseBytes, received);
    leader.replicationBytesOut += responseBytes;
    follower.replicationBytesIn += responseBytes;
    if (leader.zone !== follower.zone) cluster.crossZone.replication += responseBytes;
    const epochAtFetch = reads.map((x) => x.partition.leaderEpoch);
    cluster.sim.at(written, () => {
      const at = cluster.sim.now;
      if (!follower.alive) {
        this.running = false;
        return;
      }
      reads.forEach((x, i) => {
        const p = x.partition;
        // A leader change in between: the follower will truncate and fetch from the new leader.
        if (p.leaderEpoch !== epochAtFetch[i] || p.leo[x.r] !== x.from) return;
        const to = Math.min(x.to, p.log.endOffset);
        if (to <= x.from) return;
        const bytes = p.log.bytesAt(to) - p.log.bytesAt(x.from);
        p.leo[x.r] = to;
        follower.noteWrite(bytes, at);
        p.knownHw[x.r] = p.hw;
        cluster.onFollowerProgress(p, x.r, at);
      });
      if (this.running) this.fetch(at);
    });
  }
}
