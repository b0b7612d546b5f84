import { SECOND, type Micros } from '../../engine/time.ts';
import type { Broker } from './broker.ts';
import type { KafkaCluster } from './cluster.ts';
import type { Controller } from './failures.ts';
import { assignReplicas } from './placement.ts';
import { ReplicationQuota } from './quota.ts';
import type { Partition } from './replication.ts';
import { FILE_DELETE_DELAY_MICROS } from './retention.ts';

/**
 * One partition's move (KIP-455): the replica list the operator asked for, the replicas it adds
 * (they start empty and copy the whole retained log from the leader) and those it removes once every
 * target replica is in the ISR.
 */
export interface PartitionMove {
  /** The new replica list; its first replica is the new preferred leader. */
  readonly target: readonly number[];
  /** Target replicas not in the old list. */
  readonly adding: readonly number[];
  /** Old replicas not in the target list. */
  readonly removing: readonly number[];
  /** The replicas before the move: what `--throttle` puts in `leader.replication.throttled.replicas`. */
  readonly original: readonly number[];
  /** A completion check is scheduled (the controller handles the ISR change as its own event). */
  checkScheduled: boolean;
}

/** What one `kafka-reassign-partitions --execute` did, for the summary. */
export interface ReassignmentReport {
  atSeconds: number;
  brokersAdded: number;
  /** Partitions whose replica set changed (data moved). */
  partitionsMoved: number;
  /** Partitions whose replicas were only reordered (a new preferred leader, nothing to copy). */
  partitionsReordered: number;
  /** Bytes the new replicas appended while catching up (Kafka's ReassignmentBytesInPerSec summed). */
  bytesMoved: number;
  /** Bytes the leaders sent to new replicas (ReassignmentBytesOutPerSec summed; more than bytesMoved if a round was cut short). */
  bytesSent: number;
  /** The retained log of each moving partition times its new replicas, at --execute: what had to be copied then (new appends come on top). */
  bytesToCopyAtStart: number;
  throttleBytesPerSec: number | null;
  /** From --execute to the last partition's completion; null if it had not finished when the run ended. */
  reassignmentSeconds: number | null;
  partitionsStillMoving: number;
  /** True when the tool refused to run because an earlier reassignment was still in progress. */
  refused?: boolean;
}

/**
 * A reassignment in progress, and the replication throttle it set (KIP-73). `--throttle R` sets
 * `leader.replication.throttled.rate` and `follower.replication.throttled.rate` to R on every broker
 * involved, lists the moving partitions' current replicas in `leader.replication.throttled.replicas`
 * and their new replicas in `follower.replication.throttled.replicas` (apache/kafka
 * ReassignPartitionsCommand calculateLeaderThrottles / calculateFollowerThrottles). Each broker then
 * measures its throttled replication bytes with a sampled rate (ReplicationQuotaManager: a SimpleRate
 * over `replication.quota.window.num` samples of `replication.quota.window.size.seconds`, ./quota.ts):
 * - as leader it counts every byte it sends for a throttled partition, to in-sync followers too
 *   ("Traffic from both in-sync and out of sync replicas are accounted for in replication quota",
 *   KafkaApis sizeOfThrottledPartitions), and leaves a partition out of a response while the rate is
 *   over the bound and the fetching replica is not in the ISR (ReplicaManager.shouldLeaderThrottle:
 *   "To avoid ISR thrashing, we only throttle a replica ... if ... the replica is not in sync");
 * - as follower it counts the bytes it appends for its throttled (new) replicas and leaves them out of
 *   its fetch request while over the bound and not in sync (ReplicaFetcherThread.shouldFollowerThrottle,
 *   processPartitionData `quota.record(records.sizeInBytes)`).
 * So the throttle holds back only catch-up traffic, yet producer traffic on moving partitions uses up
 * the leader's budget: with a throttle below the write rate a reassignment never finishes (Kafka
 * ops.html "Limiting Bandwidth Usage during Data Migration": "max(BytesInPerSec) > throttle").
 * The throttle is lifted when the whole reassignment is complete (the operator's `--verify`).
 */
export class Reassignment {
  readonly startedAt: Micros;
  finishedAt: Micros | undefined;
  remaining = 0;
  bytesMoved = 0;
  bytesSent = 0;
  private readonly leaderQuotas: (ReplicationQuota | undefined)[] = [];
  private readonly followerQuotas: (ReplicationQuota | undefined)[] = [];

  constructor(
    private readonly cluster: KafkaCluster,
    readonly report: ReassignmentReport,
    readonly throttleBytesPerSec: number | undefined,
    now: Micros,
  ) {
    this.startedAt = now;
  }

  /** The fetch of replica r of p (broker `follower`) from `leader` leaves p out: a throttle is exceeded. */
  holdsBack(p: Partition, r: number, leader: Broker, follower: Broker, now: Micros): boolean {
    if (this.throttleBytesPerSec === undefined || p.inIsr[r]) return false;
    const move = p.move!;
    if (move.original.includes(leader.id) && this.quota(this.leaderQuotas, leader.id).exceeded(now)) return true;
    return move.adding.includes(follower.id) && this.quota(this.followerQuotas, follower.id).exceeded(now);
  }

  /** The leader put `bytes` of p in a response to `follower`. */
  onLeaderSent(p: Partition, leader: Broker, follower: Broker, bytes: number, now: Micros): void {
    const move = p.move!;
    if (move.adding.includes(follower.id)) {
      this.bytesSent += bytes;
      leader.reassignmentBytesOut += bytes;
    }
    if (this.throttleBytesPerSec !== undefined && move.original.includes(leader.id)) this.quota(this.leaderQuotas, leader.id).record(bytes, now);
  }

  /** `follower` appended `bytes` of p it fetched. */
  onFollowerAppended(p: Partition, follower: Broker, bytes: number, now: Micros): void {
    if (!p.move!.adding.includes(follower.id)) return;
    this.bytesMoved += bytes;
    follower.reassignmentBytesIn += bytes;
    if (this.throttleBytesPerSec !== undefined) this.quota(this.followerQuotas, follower.id).record(bytes, now);
  }

  private quota(quotas: (ReplicationQuota | undefined)[], broker: number): ReplicationQuota {
    const cfg = this.cluster.config;
    return (quotas[broker] ??= new ReplicationQuota(this.throttleBytesPerSec!, cfg.replicationQuotaWindowSize, cfg.replicationQuotaWindows));
  }
}

/**
 * What an operator does to scale a Kafka cluster out (Kafka ops.html "Expanding your cluster"): new
 * brokers join empty ("they will not automatically be assigned any data partitions"); then
 * `kafka-reassign-partitions --generate` spreads the topic over the full broker list with the same
 * rack-aware algorithm as topic creation (AdminUtils.assignReplicasToBrokers; ./placement.ts, with the
 * scenario's start index where Kafka picks one at random), and `--execute` starts the moves.
 *
 * Each moving partition follows KIP-455 as the KRaft controller runs it: the replica set becomes
 * target ++ (old - target) (PartitionReassignmentReplicas), the new replicas fetch everything from the
 * leader through the ordinary replica fetchers (disk reads of old data on the leader, its NIC, the new
 * broker's NIC and disk: the links producers and consumers use too) and join the ISR by the ordinary
 * rule; once every target replica is in the ISR the controller completes the move
 * (PartitionChangeBuilder.completeReassignmentIfNeeded): the ISR and the replicas become the target's,
 * a leader outside the target hands over to the first target replica in the ISR, and the removed
 * replicas stop and delete their logs (`file.delete.delay.ms` later, as any deleted log). Leadership of
 * partitions whose leader stays in the target moves to the new preferred leader with the next
 * automatic preferred-leader election (`auto.leader.rebalance.enable`, every 5 minutes, ./failures.ts).
 */
export class Reassigner {
  readonly reports: ReassignmentReport[] = [];
  /** Every reassignment that started, in order (the current one is `cluster.reassignment`). */
  private readonly executed: Reassignment[] = [];

  constructor(
    private readonly cluster: KafkaCluster,
    private readonly controller: Controller,
  ) {
    cluster.onReassigningPartitionChange = (p, now) => this.scheduleCheck(p, now);
  }

  /** A timeline action: `addBrokers` empty brokers join; with `reassign`, the topic is spread over all brokers. */
  scaleOut(addBrokers: number, reassign: boolean, throttleBytesPerSec: number | undefined, now: Micros): void {
    const cluster = this.cluster;
    for (let i = 0; i < addBrokers; i++) cluster.addBroker(cluster.brokers.length % cluster.zones, now);
    const report: ReassignmentReport = {
      atSeconds: now / SECOND, brokersAdded: addBrokers, partitionsMoved: 0, partitionsReordered: 0,
      bytesMoved: 0, bytesSent: 0, bytesToCopyAtStart: 0, throttleBytesPerSec: throttleBytesPerSec ?? null, reassignmentSeconds: null, partitionsStillMoving: 0,
    };
    if (!reassign) {
      this.controller.afterLeadershipChange(now);
      return;
    }
    this.reports.push(report);
    if (cluster.reassignment !== undefined) {
      // ReassignPartitionsCommand refuses without --additional: "Cannot execute because there is an existing partition assignment."
      report.refused = true;
      this.controller.afterLeadershipChange(now);
      return;
    }
    const brokers = cluster.brokers.map((b) => ({ id: b.id, zone: b.zone }));
    const targets = assignReplicas(cluster.partitions.length, brokers, cluster.config.replicationFactor, cluster.config.placementStartIndex);
    const reassignment = new Reassignment(cluster, report, throttleBytesPerSec, now);
    for (const p of cluster.partitions) {
      const target = targets[p.id];
      const current = p.replicas;
      if (sameList(target, current)) continue;
      const adding = target.filter((b) => !current.includes(b));
      const removing = current.filter((b) => !target.includes(b));
      if (adding.length === 0 && removing.length === 0) {
        p.setReplicas(target, now); // only the order (the preferred leader) changes
        report.partitionsReordered++;
        continue;
      }
      report.bytesToCopyAtStart += adding.length * (p.log.bytesAt(p.log.endOffset) - p.log.bytesAt(p.log.logStartOffset));
      p.move = { target, adding, removing, original: [...current], checkScheduled: false };
      p.setReplicas([...target, ...removing], now);
      report.partitionsMoved++;
      reassignment.remaining++;
    }
    if (reassignment.remaining > 0) {
      cluster.reassignment = reassignment;
      this.executed.push(reassignment);
    } else {
      report.reassignmentSeconds = 0;
    }
    this.controller.afterLeadershipChange(now);
  }

  /** The controller looks at a moving partition after an ISR or leader change (as its own event). */
  private scheduleCheck(p: Partition, now: Micros): void {
    const move = p.move;
    if (move === undefined || move.checkScheduled) return;
    move.checkScheduled = true;
    this.cluster.sim.at(now, () => {
      move.checkScheduled = false;
      if (p.move === move) this.maybeComplete(p, this.cluster.sim.now);
    });
  }

  /** Completes p's move if every target replica is in the ISR and a target replica can lead. */
  private maybeComplete(p: Partition, now: Micros): void {
    const cluster = this.cluster;
    const move = p.move!;
    if (p.leader < 0) return;
    const usable = (b: number) => cluster.brokers[b].alive && !cluster.brokers[b].fenced;
    for (const b of move.target) if (!p.inIsr[p.indexOf(b)]) return;
    if (!move.target.includes(p.leader)) {
      const next = move.target.find((b) => p.inIsr[p.indexOf(b)] && usable(b));
      if (next === undefined) return;
      this.controller.changeLeader(p, next, now, false);
    }
    // The removed replicas stop; their logs leave the disk file.delete.delay.ms later.
    for (const b of move.removing) {
      const r = p.indexOf(b);
      const bytes = p.log.bytesAt(p.leo[r]) - p.log.bytesAt(p.log.logStartOffset);
      if (bytes > 0) cluster.sim.schedule(FILE_DELETE_DELAY_MICROS, () => (cluster.brokers[b].diskUsedBytes -= bytes));
    }
    p.setReplicas([...move.target], now);
    p.move = undefined;
    const reassignment = cluster.reassignment!;
    reassignment.remaining--;
    if (reassignment.remaining === 0) {
      reassignment.finishedAt = now;
      cluster.reassignment = undefined; // --verify removes the throttle
      cluster.stopIdleFetchers();
    }
    this.controller.afterLeadershipChange(now);
    cluster.updateHighWatermark(p, now);
  }

  /** Fills in the reports at the end of the run. */
  finish(): ReassignmentReport[] {
    for (const r of this.executed) {
      r.report.bytesMoved = r.bytesMoved;
      r.report.bytesSent = r.bytesSent;
      r.report.partitionsStillMoving = r.remaining;
      r.report.reassignmentSeconds = r.finishedAt === undefined ? null : (r.finishedAt - r.startedAt) / SECOND;
    }
    return this.reports;
  }
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
