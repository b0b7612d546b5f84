import { MILLISECOND, SECOND, type Micros } from '../../engine/time.ts';
import type { Broker } from './broker.ts';
import type { KafkaCluster } from './cluster.ts';
import type { ProducerBatch } from './producer.ts';
import type { Partition } from './replication.ts';

/** `leader.imbalance.check.interval.seconds` default 300 (auto.leader.rebalance.enable = true). Kafka broker configs. */
const LEADER_IMBALANCE_CHECK_MICROS: Micros = 300 * SECOND;
/** `leader.imbalance.per.broker.percentage` default 10. Kafka broker configs. */
const LEADER_IMBALANCE_PER_BROKER = 0.1;

/**
 * The KRaft controller's part in failures (Kafka design docs, "Replication"): a broker that stops
 * heartbeating is fenced after `broker.session.timeout.ms`, leaves every ISR (never below one
 * member) and loses its leaderships to a member of the ISR (or, with unclean election enabled, to
 * any live replica: acknowledged records beyond its log are lost). Leaders drop followers that have
 * not caught up within `replica.lag.time.max.ms` (checked every half of it, as ReplicaManager's
 * isr-expiration task); the preferred leader takes its partitions back every 5 minutes.
 */
export class Controller {
  constructor(private readonly cluster: KafkaCluster) {}

  start(): void {
    const lagMax = this.cluster.config.replicaLagTimeMaxMs * MILLISECOND;
    const isrCheck = () => {
      this.shrinkLaggingIsr(this.cluster.sim.now, lagMax);
      this.cluster.sim.schedule(lagMax / 2, isrCheck);
    };
    if (lagMax > 0) this.cluster.sim.schedule(lagMax / 2, isrCheck);
    const rebalance = () => {
      this.preferredLeaderElection(this.cluster.sim.now);
      this.cluster.sim.schedule(LEADER_IMBALANCE_CHECK_MICROS, rebalance);
    };
    this.cluster.sim.schedule(LEADER_IMBALANCE_CHECK_MICROS, rebalance);
  }

  failBroker(id: number, now: Micros, restartAfter?: Micros): void {
    const broker = this.cluster.brokers[id];
    if (!broker || !broker.alive) return;
    broker.alive = false;
    broker.failedAt = now;
    this.cluster.stopFetchersOf(broker);
    for (const fetch of [...broker.parkedConsumerFetches]) fetch.member.onBrokerDown(broker);
    for (const app of this.cluster.apps) for (const m of app.members) m.onBrokerDown(broker);
    for (const producer of this.cluster.producers) producer.failRequestsTo(broker, now);
    const down = broker.downCount;
    this.cluster.sim.schedule(this.cluster.config.brokerSessionTimeoutMs * MILLISECOND, () => {
      if (!broker.alive && broker.downCount === down) this.fence(broker, this.cluster.sim.now);
    });
    if (restartAfter !== undefined) this.cluster.sim.schedule(restartAfter, () => this.restartBroker(id, this.cluster.sim.now));
  }

  restartBroker(id: number, now: Micros): void {
    const broker = this.cluster.brokers[id];
    if (!broker || broker.alive) return;
    if (!broker.fenced) this.fence(broker, now); // a new incarnation registers; the old one is fenced first
    broker.alive = true;
    broker.fenced = false;
    broker.onRestart();
    for (const p of this.cluster.partitions) {
      const r = p.indexOf(id);
      if (r < 0) continue;
      if (p.leader < 0) this.elect(p, now);
    }
    this.afterLeadershipChange(now);
  }

  private fence(broker: Broker, now: Micros): void {
    broker.fenced = true;
    broker.downCount++;
    for (const p of this.cluster.partitions) {
      const r = p.indexOf(broker.id);
      if (r < 0) continue;
      if (p.inIsr[r] && p.isrSize > 1) {
        p.inIsr[r] = false;
        this.cluster.counters.isrShrinks++;
      }
      if (p.leader === broker.id) this.elect(p, now);
    }
    this.afterLeadershipChange(now);
    for (const p of this.cluster.partitions) this.cluster.updateHighWatermark(p, now);
  }

  /** Elects a leader for p: an ISR member, else (unclean) the live replica with the longest log, else none (offline). */
  elect(p: Partition, now: Micros): void {
    const usable = (b: number) => this.cluster.brokers[b].alive && !this.cluster.brokers[b].fenced;
    let next = -1;
    let unclean = false;
    for (let r = 0; r < p.replicas.length; r++) {
      const b = p.replicas[r];
      if (p.inIsr[r] && usable(b) && b !== p.leader) {
        next = b;
        break;
      }
    }
    if (next < 0 && this.cluster.config.uncleanLeaderElection) {
      let best = -1;
      for (let r = 0; r < p.replicas.length; r++) if (usable(p.replicas[r]) && (best < 0 || p.leo[r] > p.leo[best])) best = r;
      if (best >= 0) {
        next = p.replicas[best];
        unclean = true;
      }
    }
    if (next < 0) {
      if (p.leader >= 0) this.cluster.failAwaiting(p, now);
      p.leader = -1;
      return;
    }
    this.changeLeader(p, next, now, unclean);
  }

  /** Makes broker `next` the leader of p; the log is cut to what it has. */
  changeLeader(p: Partition, next: number, now: Micros, unclean: boolean): void {
    const cluster = this.cluster;
    cluster.failAwaiting(p, now);
    const r = p.indexOf(next);
    const newEnd = p.leo[r];
    const log = p.log;
    if (newEnd < log.endOffset) {
      // Every replica with more than the new leader truncates to it (followers re-sync from the leader).
      p.replicas.forEach((b, i) => {
        if (p.leo[i] > newEnd) {
          cluster.brokers[b].diskUsedBytes -= log.bytesAt(p.leo[i]) - log.bytesAt(newEnd);
          p.leo[i] = newEnd;
        }
      });
      // What each application had already processed of the part about to go (unclean elections only).
      for (const app of cluster.apps) {
        const done = Math.min(app.accounted[p.id], log.endOffset);
        if (done > newEnd) app.deliveredThenLost += log.countAccepted(newEnd, done);
      }
      let lost = 0;
      for (const chunk of log.truncateTo(newEnd)) {
        const batch = chunk.owner as ProducerBatch | undefined;
        if (batch && batch.chunk === chunk) batch.chunk = undefined;
        if (chunk.accepted && !chunk.extra) lost += chunk.count;
      }
      if (lost > 0) {
        cluster.loseRecords(lost);
        for (const app of cluster.apps) app.onTruncated(p.id, newEnd);
      }
      if (p.hw > newEnd) p.hw = newEnd;
    }
    if (unclean) {
      cluster.counters.uncleanElections++;
      p.inIsr = p.replicas.map((b) => b === next);
    }
    p.leader = next;
    p.leaderEpoch++;
    p.lastCaughtUp = p.lastCaughtUp.map(() => now);
    cluster.counters.leaderElections++;
  }

  /** Followers that have not caught up within replica.lag.time.max.ms leave the ISR. */
  private shrinkLaggingIsr(now: Micros, lagMax: Micros): void {
    for (const p of this.cluster.partitions) {
      if (p.leader < 0) continue;
      let changed = false;
      for (let r = 0; r < p.replicas.length; r++) {
        if (p.replicas[r] === p.leader || !p.inIsr[r]) continue;
        // A follower at the leader's end is caught up (its fetch session refreshes it each fetch).
        if (p.leo[r] >= p.log.endOffset && this.cluster.brokers[p.replicas[r]].alive) {
          p.lastCaughtUp[r] = now;
          continue;
        }
        if (now - p.lastCaughtUp[r] > lagMax) {
          p.inIsr[r] = false;
          this.cluster.counters.isrShrinks++;
          changed = true;
        }
      }
      if (changed) this.cluster.updateHighWatermark(p, now);
    }
  }

  /** auto.leader.rebalance.enable: a broker leading too few of its preferred partitions takes them back. */
  private preferredLeaderElection(now: Micros): void {
    let moved = false;
    for (const broker of this.cluster.brokers) {
      if (!broker.alive || broker.fenced) continue;
      const preferred = this.cluster.partitions.filter((p) => p.replicas[0] === broker.id);
      const notLed = preferred.filter((p) => p.leader !== broker.id && p.inIsr[0]);
      if (preferred.length === 0 || notLed.length / preferred.length <= LEADER_IMBALANCE_PER_BROKER) continue;
      for (const p of notLed) {
        this.changeLeader(p, broker.id, now, false);
        moved = true;
      }
    }
    if (moved) this.afterLeadershipChange(now);
  }

  /** Clients and fetchers follow the new metadata. */
  afterLeadershipChange(now: Micros): void {
    const cluster = this.cluster;
    cluster.rebuildLeadership();
    cluster.ensureFetchers(now);
    if (cluster.reassignment !== undefined) for (const p of cluster.partitions) if (p.move !== undefined) cluster.onReassigningPartitionChange?.(p, now);
    for (const p of cluster.partitions) cluster.updateHighWatermark(p, now);
    for (const producer of cluster.producers) producer.trySend(now);
    for (const app of cluster.apps) for (const m of app.members) m.maybeFetch(now);
  }
}
