import type { ScheduledEvent } from '../../engine/simulator.ts';
import type { Micros } from '../../engine/time.ts';
import type { Broker } from './broker.ts';
import type { KafkaCluster } from './cluster.ts';
import { PartitionLog } from './partition-log.ts';

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
  private dirty = new Set<Partition>();
  private reported: Partition[] = [];

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

  /** A partition the pair shares has news (an append, a leader change): the next fetch looks at it. */
  markDirty(p: Partition): void {
    this.dirty.add(p);
  }

  /**
   * A fetch request arrives at the leader. Like an incremental fetch session (KIP-227) it only
   * looks at partitions with news: new data, or a new offset of the follower to report.
   */
  private fetch(now: Micros): void {
    const { cluster, follower, leader } = this;
    if (!follower.alive || !leader.alive) {
      this.running = false;
      return;
    }
    const cfg = cluster.config;
    const look = this.dirty;
    this.dirty = new Set<Partition>();
    for (const p of this.reported) look.add(p);
    this.reported = [];
    const reads: { partition: Partition; r: number; from: number; to: number }[] = [];
    let responseBytes = 0;
    let uncachedBytes = 0;
    const sorted = [...look].sort((a, b) => a.id - b.id);
    for (const p of sorted) {
      if (p.leader !== leader.id) continue;
      const r = p.indexOf(follower.id);
      if (r < 0) continue;
      p.recordFollowerFetch(r, p.leo[r], now);
      cluster.maybeExpandIsr(p, r, now);
      cluster.updateHighWatermark(p, now);
      if (p.leo[r] >= p.log.endOffset) continue;
      if (responseBytes >= cfg.replicaFetchResponseMaxBytes || !follower.hasRoom(0)) {
        this.dirty.add(p);
        continue;
      }
      const limit = Math.min(cfg.replicaFetchMaxBytes, cfg.replicaFetchResponseMaxBytes - responseBytes);
      const to = p.log.readWhole(p.leo[r], p.log.endOffset, limit);
      const bytes = p.log.lastRead.bytes;
      if (to <= p.leo[r] || bytes <= 0) continue;
      // The oldest chunk decides: data written since a whole page cache ago is read from disk.
      if (!leader.isCached(p.log.lastRead.oldestAppendTime)) uncachedBytes += bytes;
      responseBytes += bytes;
      reads.push({ partition: p, r, from: p.leo[r], to });
      if (to < p.log.endOffset) this.dirty.add(p); // more to copy next time
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
    const oneWay = cluster.oneWay(leader.zone, follower.zone);
    const sent = leader.netOut.transmit(responseBytes, ready);
    const received = follower.netIn.transmit(responseBytes, sent + oneWay);
    const written = follower.writeToLog(responseBytes, received);
    leader.replicationBytesOut += responseBytes;
    follower.replicationBytesIn += responseBytes;
    if (leader.zone !== follower.zone) cluster.crossZone.replication += responseBytes;
    const epochs = reads.map((x) => x.partition.leaderEpoch);
    // One event per round: the follower has written the data and its next fetch reaches the leader.
    cluster.sim.at(written + oneWay, () => {
      const at = cluster.sim.now;
      if (!follower.alive) {
        this.running = false;
        return;
      }
      // The leader died before the response was through its NIC: the follower never got it.
      if (!leader.alive && leader.failedAt < sent) {
        this.running = false;
        return;
      }
      reads.forEach((x, i) => {
        const p = x.partition;
        // A leader change in between: the follower will truncate and fetch from the new leader.
        if (p.leaderEpoch !== epochs[i] || p.leo[x.r] !== x.from) return;
        const to = Math.min(x.to, p.log.endOffset);
        if (to <= x.from) return;
        follower.noteWrite(p.log.bytesAt(to) - p.log.bytesAt(x.from), at);
        p.leo[x.r] = to;
        p.knownHw[x.r] = p.hw;
        this.reported.push(p);
        cluster.onFollowerProgress(p, x.r, at);
      });
      if (this.running) this.fetch(at);
    });
  }
}
