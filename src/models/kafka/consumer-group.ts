import { LatencyHistogram } from '../../engine/metrics.ts';
import type { Rng } from '../../engine/random.ts';
import { MILLISECOND, type Micros } from '../../engine/time.ts';
import type { ConsumerSpec } from '../../scenario/workload-schema.ts';
import type { KafkaCluster } from './cluster.ts';
import type { ConsumerConfig, KafkaConfig } from './config.ts';
import { resolveCodec } from './compression.ts';
import { ConsumerMember, type FetchedSlice } from './consumer.ts';
import { CONSUMER_PROTOCOL_HEARTBEAT_INTERVAL_MS, HEARTBEAT_INTERVAL_MS } from './defaults.ts';
import type { Partition } from './replication.ts';

/** `group.initial.rebalance.delay.ms` default 3000 (classic groups). Kafka broker configs. */
const GROUP_INITIAL_REBALANCE_DELAY_MS = 3_000;
/** `metadata.max.age.ms` default 300000: a classic consumer sees new partitions at its next refresh. Kafka consumer configs. */
const METADATA_MAX_AGE_MS = 300_000;

type AppConfig = KafkaConfig['consumers'][string];

/**
 * One consumer application = one consumer group: its instances, who owns which partition, the
 * committed offsets in `__consumer_offsets`, and the rebalance protocol (docs/models/kafka.md#consumers):
 * - classic eager (range assignor): at a rebalance every member, at its next heartbeat, finishes its
 *   poll, commits, revokes everything and joins; nobody consumes until all members have joined;
 * - classic cooperative (cooperative-sticky, KIP-429): members keep the partitions that do not move;
 * - consumer (KIP-848): no barrier; each member, at its own heartbeat, gives up partitions the
 *   coordinator moved away and takes free ones it was assigned.
 * A crashed member is noticed after `session.timeout.ms`; a stopping one leaves at once.
 *
 * Accounting per partition (docs/design.md#conservation): `accounted` is the offset
 * below which every record is delivered, expired or skipped for this application; a record processed
 * below it again is a duplicate.
 */
export class ConsumerApp {
  readonly name: string;
  readonly members: ConsumerMember[];
  /** Members the group coordinator counts (a crashed member stays until its session times out). */
  private readonly inGroup = new Set<ConsumerMember>();
  owner: (ConsumerMember | undefined)[] = [];
  committed: number[] = [];
  accounted: number[] = [];
  delivered = 0;
  duplicates = 0;
  expired = 0;
  skipped = 0;
  deliveredThenLost = 0;
  outRecords = 0;
  outBytes = 0;
  intervalExpired = 0;
  fetchThrottleMicros = 0;
  lagMaxMs = 0;
  rebalances = 0;
  readonly latency = new LatencyHistogram();
  private rebalancing = false;
  private readonly joined = new Set<ConsumerMember>();
  private target = new Map<ConsumerMember, Set<number>>();
  private readonly heartbeatMicros: Micros;
  /** Compression of the topic's batches (compression.ts): consumers pay the decompression. */
  readonly codecRatio: number;
  readonly decompressMicrosPerByte: number;

  constructor(
    readonly cluster: KafkaCluster,
    readonly spec: ConsumerSpec,
    readonly cfg: ConsumerConfig,
    readonly appCfg: AppConfig,
    private readonly rng: Rng,
  ) {
    this.name = spec.name;
    this.members = Array.from({ length: spec.instances }, (_, i) => new ConsumerMember(this, i, i % cluster.zones));
    const hbMs = cfg.heartbeatIntervalMs ?? (cfg.groupProtocol === 'consumer' ? CONSUMER_PROTOCOL_HEARTBEAT_INTERVAL_MS : HEARTBEAT_INTERVAL_MS);
    // One heartbeat in flight at a time (the clients' Heartbeat.java): with heartbeat.interval.ms = 0 the
    // next one goes when the previous answer is back, a round trip (at most a cross-zone one) later.
    this.heartbeatMicros = Math.max(hbMs * MILLISECOND, cluster.config.network.crossZoneRtt);
    const codec = resolveCodec(cluster.config.producer.compression);
    this.codecRatio = codec.ratio;
    this.decompressMicrosPerByte = Number.isFinite(codec.decompressBytesPerSec) ? 1e6 / codec.decompressBytesPerSec : 0;
    this.growPartitions(cluster.partitions.length);
  }

  growPartitions(n: number): void {
    for (let p = this.owner.length; p < n; p++) {
      this.owner.push(undefined);
      this.committed.push(-1);
      this.accounted.push(0);
    }
  }

  start(): void {
    this.cluster.sim.at(this.spec.startAt, () => {
      const now = this.cluster.sim.now;
      for (const m of this.members) this.memberStarts(m, now);
    });
  }

  // ---------------------------------------------------------------- membership

  memberStarts(m: ConsumerMember, now: Micros): void {
    if (m.alive) return;
    m.start(now);
    const wasEmpty = this.inGroup.size === 0;
    this.inGroup.add(m);
    this.scheduleHeartbeat(m, this.rng.next() * this.heartbeatMicros);
    if (this.cfg.groupProtocol === 'consumer') {
      this.computeTarget();
      this.heartbeat(m, now);
    } else if (wasEmpty && !this.rebalancing) {
      this.rebalancing = true;
      this.joined.clear();
      this.cluster.sim.schedule(GROUP_INITIAL_REBALANCE_DELAY_MS * MILLISECOND, () => this.joinAllIdle(this.cluster.sim.now));
    } else this.triggerRebalance(now);
  }

  /** A crash: nothing is committed; the coordinator notices after session.timeout.ms. */
  memberCrashes(m: ConsumerMember, now: Micros): void {
    if (!m.alive) return;
    this.abandonPoll(m);
    m.crash();
    const incarnation = m.incarnation;
    this.cluster.sim.schedule(this.cfg.sessionTimeoutMs * MILLISECOND, () => {
      if (m.incarnation === incarnation && !m.alive) this.removeMember(m, this.cluster.sim.now);
      else if (m.incarnation !== incarnation) this.checkRebalanceDone(this.cluster.sim.now);
    });
    void now;
  }

  /** A clean stop: commit, leave the group at once. */
  memberStops(m: ConsumerMember, now: Micros): void {
    if (!m.alive) return;
    m.commitAll();
    this.abandonPoll(m);
    m.crash();
    this.removeMember(m, now);
  }

  private removeMember(m: ConsumerMember, now: Micros): void {
    if (!this.inGroup.has(m)) return;
    this.inGroup.delete(m);
    this.joined.delete(m);
    for (const p of [...m.owned]) {
      m.release(p);
      if (this.owner[p] === m) this.owner[p] = undefined;
    }
    this.target.delete(m);
    // KIP-848: the others learn their new assignment at their next heartbeat.
    if (this.cfg.groupProtocol === 'consumer') this.computeTarget();
    else this.triggerRebalance(now);
  }

  private scheduleHeartbeat(m: ConsumerMember, delay: Micros): void {
    const incarnation = m.incarnation;
    m.heartbeatEvent = this.cluster.sim.schedule(delay, () => {
      if (!m.alive || m.incarnation !== incarnation) return;
      this.heartbeat(m, this.cluster.sim.now);
      this.scheduleHeartbeat(m, this.heartbeatMicros);
    });
  }

  /** The member's heartbeat: how it learns of a rebalance (classic) or of its new assignment (KIP-848). */
  private heartbeat(m: ConsumerMember, now: Micros): void {
    if (this.cfg.groupProtocol === 'consumer') {
      this.reconcile(m, now);
      return;
    }
    if (this.rebalancing && !this.joined.has(m)) {
      if (m.isBusy) m.pendingJoin = true;
      else this.join(m, now);
    }
  }

  // ---------------------------------------------------------------- classic protocol

  triggerRebalance(now: Micros): void {
    this.rebalances++;
    if (!this.rebalancing) {
      this.rebalancing = true;
      this.joined.clear();
    }
    this.checkRebalanceDone(now);
  }

  private joinAllIdle(now: Micros): void {
    for (const m of this.inGroup) if (m.alive && !this.joined.has(m)) this.join(m, now);
  }

  /** JoinGroup: eager members commit and revoke everything first. */
  join(m: ConsumerMember, now: Micros): void {
    m.pendingJoin = false;
    if (!this.rebalancing || this.joined.has(m) || !m.alive) return;
    if (this.cfg.assignor === 'range') {
      m.commitAll();
      for (const p of [...m.owned]) {
        m.release(p);
        this.owner[p] = undefined;
      }
      m.paused = true;
      m.dropAll();
    }
    this.joined.add(m);
    this.checkRebalanceDone(now);
  }

  private checkRebalanceDone(now: Micros): void {
    if (!this.rebalancing || this.cfg.groupProtocol === 'consumer') return;
    for (const m of this.inGroup) if (!this.joined.has(m)) return;
    this.rebalancing = false;
    const members = [...this.inGroup].sort((a, b) => a.index - b.index);
    if (members.length === 0) return;
    const n = this.owner.length;
    const assignment = this.cfg.assignor === 'range' ? rangeAssign(n, members) : stickyAssign(n, members, this.owner);
    for (const [m, parts] of assignment) {
      for (const p of [...m.owned]) {
        if (!parts.has(p)) {
          // Cooperative: revoked now, assigned to its new owner in the follow-up rebalance.
          this.app_commitOne(m, p);
          m.release(p);
          this.owner[p] = undefined;
        }
      }
    }
    for (const [m, parts] of assignment) {
      m.paused = false;
      for (const p of parts) if (this.owner[p] !== m) this.assign(m, p, now);
    }
    for (const m of members) {
      m.process(now);
      m.maybeFetch(now);
    }
  }

  private app_commitOne(m: ConsumerMember, p: number): void {
    this.commit(p, m.consumed[p]);
  }

  // ---------------------------------------------------------------- consumer protocol (KIP-848)

  private computeTarget(): void {
    const members = [...this.inGroup].sort((a, b) => a.index - b.index);
    this.target = stickyAssign(this.owner.length, members, this.owner);
  }

  private reconcile(m: ConsumerMember, now: Micros): void {
    const mine = this.target.get(m) ?? new Set<number>();
    for (const p of [...m.owned]) {
      if (!mine.has(p)) {
        this.commit(p, m.consumed[p]);
        m.release(p);
        this.owner[p] = undefined;
      }
    }
    for (const p of mine) if (this.owner[p] === undefined) this.assign(m, p, now);
    m.process(now);
    m.maybeFetch(now);
  }

  // ---------------------------------------------------------------- offsets and accounting

  private assign(m: ConsumerMember, p: number, now: Micros): void {
    this.owner[p] = m;
    const committed = this.committed[p];
    m.acquire(p, committed >= 0 ? committed : 0);
    if (committed < 0) this.resetPosition(m, p, now);
  }

  commit(p: number, offset: number): void {
    if (offset > this.committed[p]) this.committed[p] = offset;
  }

  /** auto.offset.reset: no committed offset, or the committed one was deleted (OFFSET_OUT_OF_RANGE). */
  resetPosition(m: ConsumerMember, p: number, now: Micros): void {
    const partition = this.cluster.partitions[p];
    const policy = this.appCfg.autoOffsetReset ?? this.spec.startFrom;
    if (policy === 'earliest') {
      m.position[p] = m.consumed[p] = partition.log.logStartOffset;
    } else {
      const to = partition.hw;
      const from = Math.max(this.accounted[p], partition.log.logStartOffset);
      if (to > from) this.skipped += partition.log.countAccepted(from, to);
      this.accounted[p] = Math.max(this.accounted[p], to);
      m.position[p] = m.consumed[p] = to;
    }
    void now;
  }

  /** Records processed by one poll. */
  onProcessed(s: FetchedSlice, now: Micros): void {
    const p = s.partition;
    const n = s.to - s.from;
    this.outRecords += n;
    this.outBytes += s.bytes;
    if (s.extra) {
      this.duplicates += n;
      return;
    }
    const credited = this.credit.size > 0 ? (this.credit.get(s) ?? 0) : 0;
    if (credited > 0) this.credit.delete(s);
    const fromFresh = Math.max(s.from, this.accounted[p]);
    const fresh = Math.max(0, s.to - fromFresh) + credited;
    this.duplicates += n - fresh;
    if (fresh > 0) {
      this.delivered += fresh;
      const span = n > 1 ? (s.lastTime - s.firstTime) / (n - 1) : 0;
      const firstFresh = s.firstTime + span * (fromFresh - s.from);
      recordSpread(this.latency, now - s.lastTime, now - firstFresh, fresh);
      this.accounted[p] = Math.max(this.accounted[p], s.to);
    }
  }

  /** Retention deleted [.., newStart) of partition p: unread records there are expired for this application. */
  onDeleted(p: number, newStart: number): void {
    const partition = this.cluster.partitions[p];
    const from = Math.max(this.accounted[p], partition.log.logStartOffset);
    const owner = this.owner[p];
    if (newStart > from) {
      let n = partition.log.countAccepted(from, newStart);
      // Records of the poll being processed are not lost: they are credited as delivered when it completes.
      for (const s of owner?.inProgress ?? []) {
        if (s.partition !== p || s.extra) continue;
        const a = Math.max(s.from, from);
        const b = Math.min(s.to, newStart);
        if (b > a) {
          n -= b - a;
          this.credit.set(s, b - a);
        }
      }
      this.expired += n;
      this.intervalExpired += n;
    }
    this.accounted[p] = Math.max(this.accounted[p], newStart);
    if (owner) owner.dropPartition(p, newStart);
  }

  /** A poll dropped unfinished: records credited against deletion are expired after all. */
  private abandonPoll(m: ConsumerMember): void {
    for (const s of m.inProgress) {
      const credited = this.credit.get(s);
      if (credited) {
        this.credit.delete(s);
        this.expired += credited;
        this.intervalExpired += credited;
      }
    }
  }

  /** In-progress slices whose records below the new log start are delivered, not expired. */
  private readonly credit = new Map<FetchedSlice, number>();

  /** A truncation below what this application already processed (unclean election). */
  onTruncated(p: number, newEnd: number): void {
    if (this.accounted[p] > newEnd) this.accounted[p] = newEnd;
    for (const m of this.members) {
      if (m.position[p] > newEnd) m.position[p] = newEnd;
      if (m.consumed[p] > newEnd) m.consumed[p] = newEnd;
    }
    if (this.committed[p] > newEnd) this.committed[p] = newEnd;
  }

  /** New partitions: KIP-848 assigns them at once; a classic group after its next metadata refresh. */
  onPartitionsAdded(count: number, now: Micros): void {
    this.growPartitions(count);
    if (this.inGroup.size === 0) return;
    if (this.cfg.groupProtocol === 'consumer') {
      this.computeTarget();
    } else {
      this.cluster.sim.schedule(this.rng.next() * METADATA_MAX_AGE_MS * MILLISECOND, () => this.triggerRebalance(this.cluster.sim.now));
    }
  }

  /**
   * Which broker member m reads partition p from (KIP-392: a replica in its zone, if any). Like the
   * leader's ReplicaManager.findPreferredReadReplica, replicas that do not have the offset the member
   * asks for are left out "whether or not they're in the ISR" (a new replica still copying the log).
   */
  sourceBroker(m: ConsumerMember, p: number): number {
    const partition = this.cluster.partitions[p];
    if (partition.leader < 0) return -1;
    if (!this.appCfg.followerFetching) return partition.leader;
    const leader = this.cluster.brokers[partition.leader];
    if (leader.zone === m.zone) return partition.leader;
    let best = -1;
    let bestLeo = -1;
    partition.replicas.forEach((b, r) => {
      const broker = this.cluster.brokers[b];
      if (broker.alive && broker.zone === m.zone && partition.leo[r] > bestLeo && partition.leo[r] >= m.position[p]) {
        best = b;
        bestLeo = partition.leo[r];
      }
    });
    return best >= 0 ? best : partition.leader;
  }

  /** What a fetch at `brokerId` may read up to: the high watermark (a follower: what it has of it). */
  readLimit(partition: Partition, brokerId: number): number {
    if (brokerId === partition.leader) return partition.hw;
    const r = partition.indexOf(brokerId);
    return r < 0 ? 0 : Math.min(partition.knownHw[r], partition.leo[r]);
  }

  /** Lag of partition p in records (what is readable and not yet processed) and the age of its oldest unprocessed record. */
  lag(p: number, now: Micros): { records: number; ms: number } {
    const partition = this.cluster.partitions[p];
    const from = Math.max(this.accounted[p], partition.log.logStartOffset);
    const records = Math.max(0, partition.hw - from);
    if (records === 0) return { records: 0, ms: 0 };
    const t = partition.log.timeAt(from);
    return { records, ms: t === undefined ? 0 : Math.max(0, (now - t) / MILLISECOND) };
  }

  /** Kafka's records-lag-max: the largest (high watermark - fetch position) over partitions. */
  recordsLagMax(): number {
    let max = 0;
    this.owner.forEach((m, p) => {
      const partition = this.cluster.partitions[p];
      const position = m && m.alive ? m.position[p] : Math.max(this.committed[p], partition.log.logStartOffset);
      max = Math.max(max, partition.hw - position);
    });
    return max;
  }

  /** Unprocessed accepted records still in the log (the backlog of the conservation identity). */
  backlog(): number {
    // Records in a poll still being processed that retention deleted meanwhile are unprocessed too.
    let total = 0;
    for (const credited of this.credit.values()) total += credited;
    this.cluster.partitions.forEach((partition, p) => {
      total += partition.log.countAccepted(Math.max(this.accounted[p], partition.log.logStartOffset), partition.log.endOffset);
    });
    return total;
  }
}

/** RangeAssignor for one topic: contiguous ranges, the first members taking one more. */
function rangeAssign(n: number, members: ConsumerMember[]): Map<ConsumerMember, Set<number>> {
  const result = new Map<ConsumerMember, Set<number>>();
  const per = Math.floor(n / members.length);
  const extra = n % members.length;
  let p = 0;
  members.forEach((m, i) => {
    const count = per + (i < extra ? 1 : 0);
    const parts = new Set<number>();
    for (let k = 0; k < count; k++) parts.add(p++);
    result.set(m, parts);
  });
  return result;
}

/** A sticky, balanced assignment (CooperativeSticky / KIP-848 uniform): owners keep what they can. */
function stickyAssign(n: number, members: ConsumerMember[], owner: (ConsumerMember | undefined)[]): Map<ConsumerMember, Set<number>> {
  const result = new Map<ConsumerMember, Set<number>>(members.map((m) => [m, new Set<number>()]));
  if (members.length === 0) return result;
  const base = Math.floor(n / members.length);
  let withExtra = n % members.length;
  const free: number[] = [];
  for (let p = 0; p < n; p++) {
    const m = owner[p];
    const parts = m ? result.get(m) : undefined;
    if (parts) parts.add(p);
    else free.push(p);
  }
  // Members over their quota give up their highest partitions.
  for (const m of members) {
    const parts = result.get(m)!;
    let quota = base;
    if (parts.size > base && withExtra > 0) {
      quota = base + 1;
      withExtra--;
    }
    const sorted = [...parts].sort((a, b) => a - b);
    while (sorted.length > quota) {
      const p = sorted.pop()!;
      parts.delete(p);
      free.push(p);
    }
  }
  free.sort((a, b) => a - b);
  for (const p of free) {
    let best: ConsumerMember | undefined;
    for (const m of members) if (!best || result.get(m)!.size < result.get(best)!.size) best = m;
    result.get(best!)!.add(p);
  }
  return result;
}

/**
 * Latencies of `count` records spread evenly between min and max: up to three weighted points
 * (enough for percentiles over many batches, and cheap for the thousands of fetches per second).
 */
function recordSpread(h: LatencyHistogram, min: Micros, max: Micros, count: number): void {
  if (count <= 0) return;
  if (count < 3 || max - min < 100) {
    h.record((min + max) / 2, count);
    return;
  }
  const third = Math.floor(count / 3);
  h.record(min + (max - min) / 6, third);
  h.record((min + max) / 2, count - 2 * third);
  h.record(max - (max - min) / 6, third);
}
