import type { ScheduledEvent } from '../../engine/simulator.ts';
import { MILLISECOND, type Micros } from '../../engine/time.ts';
import type { Broker } from './broker.ts';
import type { KafkaCluster } from './cluster.ts';
import { PartitionLog } from './partition-log.ts';
import type { PartitionMove } from './reassignment.ts';

/**
 * One topic partition: its log (as the leader holds it), its replicas with their log end offsets,
 * the in-sync replica set and the high watermark (Kafka design docs, "Replication"): "a message is
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
  /** A reassignment in progress (KIP-455 adding/removing replicas), else undefined. */
  move: PartitionMove | undefined = undefined;

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

  /**
   * Fewer in-sync replicas than the replication factor. While a reassignment adds replicas the factor
   * is the replica count without them (KIP-352: Partition.scala OngoingReassignmentState.replicationFactor
   * = replicas.size - addingReplicas.size), so new replicas catching up do not count as under-replicated.
   */
  get underReplicated(): boolean {
    return this.isrSize < this.replicas.length - (this.move === undefined ? 0 : this.move.adding.length);
  }

  /**
   * The replica set changes (a reassignment starts or completes). Per-replica state follows its broker;
   * a new replica starts with an empty log at the log start offset, outside the ISR, and fetches
   * everything from the leader (OFFSET_OUT_OF_RANGE on an empty log puts it at the leader's log start).
   */
  setReplicas(replicas: number[], now: Micros): void {
    const old = this.replicas;
    const keep = <T>(values: T[], fresh: T): T[] => replicas.map((b) => {
      const i = old.indexOf(b);
      return i < 0 ? fresh : values[i];
    });
    this.inIsr = keep(this.inIsr, false);
    this.leo = keep(this.leo, this.log.logStartOffset);
    this.lastCaughtUp = keep(this.lastCaughtUp, now);
    this.lastFetchAt = keep(this.lastFetchAt, now);
    this.leaderLeoAtLastFetch = keep(this.leaderLeoAtLastFetch, this.log.logStartOffset);
    this.knownHw = keep(this.knownHw, this.log.logStartOffset);
    this.replicas = replicas;
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

/** One replica fetch round in flight: what it copies, per partition (arrays reused when the round is recycled). */
class FetchRound {
  /** Entries in use (the arrays are overwritten, not truncated, when the round is reused). */
  count = 0;
  readonly partitions: Partition[] = [];
  readonly replica: number[] = [];
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly epoch: number[] = [];
  /** When the response was through the leader's NIC. */
  sent: Micros = 0;
  readonly onDone = (): void => this.fetcher.roundDone(this);

  constructor(readonly fetcher: ReplicaFetcher) {}

  add(p: Partition, r: number, from: number, to: number): void {
    const i = this.count++;
    this.partitions[i] = p;
    this.replica[i] = r;
    this.from[i] = from;
    this.to[i] = to;
    this.epoch[i] = p.leaderEpoch;
  }

  clear(): void {
    this.count = 0;
  }
}

function byId(a: Partition, b: Partition): number {
  return a.id - b.id;
}

/**
 * A follower broker's replica fetcher thread for one leader broker (`num.replica.fetchers` = 1,
 * Kafka broker configs): a long poll that copies whole batches of every partition the pair
 * shares, waiting up to `replica.fetch.wait.max.ms` when there is nothing new. The next fetch,
 * carrying the follower's new log end offsets, is what lets the leader advance the high watermark.
 */
export class ReplicaFetcher {
  private parkedTimer: ScheduledEvent | undefined;
  running = false;
  parked = false;
  /** Partitions with news since the last fetch, without repeats (`flags` bit 1 = listed here). */
  private dirty: Partition[] = [];
  /** The list being looked at by the current fetch (bit 2 of `flags`); swapped with `dirty`. */
  private look: Partition[] = [];
  private flags = new Uint8Array(0);
  /** Partitions whose new log end offset the next fetch reports. */
  private reported: Partition[] = [];
  /** Rounds done, kept for reuse. */
  private readonly spareRounds: FetchRound[] = [];
  private readonly onParkTimeout = (): void => {
    if (!this.parked) return;
    this.parked = false;
    this.leader.parkedReplicaFetchers.delete(this);
    this.fetch(this.cluster.sim.now);
  };

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
    if (p.id >= this.flags.length) {
      const grown = new Uint8Array(Math.max(p.id + 1, this.flags.length * 2));
      grown.set(this.flags);
      this.flags = grown;
    }
    if ((this.flags[p.id] & 1) !== 0) return;
    this.flags[p.id] |= 1;
    this.dirty.push(p);
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
    // The partitions with news and those with an offset to report, each once, in partition order.
    const look = this.dirty;
    this.dirty = this.look; // emptied at the end of the previous fetch
    this.look = look;
    const flags = this.flags;
    for (const p of look) flags[p.id] = 2;
    for (const p of this.reported) {
      if (flags[p.id] === 2) continue;
      flags[p.id] = 2;
      look.push(p);
    }
    if (this.reported.length !== 0) this.reported.length = 0;
    if (look.length > 1) look.sort(byId);
    const round = this.spareRounds.pop() ?? new FetchRound(this);
    // Only while partitions are being reassigned: the replication throttle and the reassignment byte counts.
    const moving = cluster.reassignment;
    let responseBytes = 0;
    let uncachedBytes = 0;
    for (const p of look) {
      flags[p.id] &= 1;
      if (p.leader !== leader.id) continue;
      const r = p.indexOf(follower.id);
      if (r < 0) continue;
      p.recordFollowerFetch(r, p.leo[r], now);
      cluster.maybeExpandIsr(p, r, now);
      cluster.updateHighWatermark(p, now);
      if (p.leo[r] >= p.log.endOffset) continue;
      if (responseBytes >= cfg.replicaFetchResponseMaxBytes || !follower.hasRoom(0)) {
        this.markDirty(p);
        continue;
      }
      if (moving !== undefined && p.move !== undefined && moving.holdsBack(p, r, leader, follower, now)) {
        this.markDirty(p); // left out of this fetch; looked at again by the next one
        continue;
      }
      const limit = Math.min(cfg.replicaFetchMaxBytes, cfg.replicaFetchResponseMaxBytes - responseBytes);
      const to = p.log.readWhole(p.leo[r], p.log.endOffset, limit);
      const bytes = p.log.lastRead.bytes;
      if (to <= p.leo[r] || bytes <= 0) continue;
      if (moving !== undefined && p.move !== undefined) moving.onLeaderSent(p, leader, follower, bytes, now);
      // The oldest chunk decides: data written since a whole page cache ago is read from disk.
      if (!leader.isCached(p.log.lastRead.oldestAppendTime)) uncachedBytes += bytes;
      responseBytes += bytes;
      round.add(p, r, p.leo[r], to);
      if (to < p.log.endOffset) this.markDirty(p); // more to copy next time
    }
    if (look.length !== 0) look.length = 0;
    if (round.count === 0) {
      this.spareRounds.push(round);
      this.parked = true;
      leader.parkedReplicaFetchers.add(this);
      // With replica.fetch.wait.max.ms = 0 (allowed) the empty answer goes back at once and the next
      // fetch reaches the leader a round trip later.
      const roundTrip = 2 * cluster.oneWay(leader.zone, follower.zone);
      this.parkedTimer = cluster.sim.schedule(Math.max(cfg.replicaFetchWaitMaxMs * MILLISECOND, roundTrip), this.onParkTimeout);
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
    round.sent = sent;
    // One event per round: the follower has written the data and its next fetch reaches the leader.
    cluster.sim.at(written + oneWay, round.onDone);
  }

  /** The follower has written a round's data; its next fetch (reporting it) reaches the leader now. */
  roundDone(round: FetchRound): void {
    const { cluster, follower, leader } = this;
    const at = cluster.sim.now;
    const moving = cluster.reassignment;
    const sent = round.sent;
    if (!follower.alive || (!leader.alive && leader.failedAt < sent)) {
      // The follower is down, or the leader died before the response was through its NIC: the follower never got it.
      round.clear();
      this.spareRounds.push(round);
      this.running = false;
      return;
    }
    for (let i = 0; i < round.count; i++) {
      const p = round.partitions[i];
      let r = round.replica[i];
      const from = round.from[i];
      // The replica set changed while the round was out (a reassignment): find the follower again.
      if (p.replicas[r] !== follower.id && (r = p.indexOf(follower.id)) < 0) continue;
      // A leader change in between: the follower will truncate and fetch from the new leader.
      if (p.leaderEpoch !== round.epoch[i] || p.leo[r] !== from) continue;
      const to = Math.min(round.to[i], p.log.endOffset);
      if (to <= from) continue;
      const bytes = p.log.bytesAt(to) - p.log.bytesAt(from);
      follower.noteWrite(bytes, at);
      if (moving !== undefined && p.move !== undefined) moving.onFollowerAppended(p, follower, bytes, at);
      p.leo[r] = to;
      p.knownHw[r] = p.hw;
      this.reported.push(p);
      cluster.onFollowerProgress(p, r, at);
    }
    round.clear();
    this.spareRounds.push(round);
    if (this.running) this.fetch(at);
  }
}
