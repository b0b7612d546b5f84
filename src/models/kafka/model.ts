import { HOUR, MILLISECOND, SECOND, type Micros } from '../../engine/time.ts';
import type { Scenario } from '../../scenario/schema.ts';
import type { PathProblem } from '../../scenario/problem.ts';
import type { TimelineEntry } from '../../scenario/timeline-schema.ts';
import { costSummary, HOURS_PER_MONTH } from '../../simulation/cost.ts';
import type { ModelContext, SystemDefinition, SystemModel } from '../../simulation/model.ts';
import type { ConsumerSummary, SystemSummary } from '../../simulation/result.ts';
import { KafkaCluster } from './cluster.ts';
import type { KafkaConfig } from './config.ts';
import { Controller } from './failures.ts';
import { instanceNames, resolveInstance } from './instances.ts';
import { KafkaMetrics } from './metrics.ts';
import { MirrorMaker } from './mirror-maker.ts';
import { assignReplicas } from './placement.ts';
import { kafkaCostItems } from './pricing.ts';
import { Reassigner } from './reassignment.ts';
import { Retention } from './retention.ts';

/** The Kafka system model behind the runner's interface. */
class KafkaModel implements SystemModel {
  private readonly cluster: KafkaCluster;
  private readonly controller: Controller;
  private readonly retention: Retention;
  private readonly mirror: MirrorMaker | undefined;
  private readonly metrics: KafkaMetrics;
  private readonly reassigner: Reassigner;

  constructor(
    private readonly ctx: ModelContext,
    private readonly config: KafkaConfig,
  ) {
    this.cluster = new KafkaCluster(ctx, config);
    this.controller = new Controller(this.cluster);
    this.reassigner = new Reassigner(this.cluster, this.controller);
    this.retention = new Retention(this.cluster);
    this.mirror = config.mirror ? new MirrorMaker(this.cluster, config.mirror) : undefined;
    if (this.mirror) {
      const mirror = this.mirror;
      this.retention.onDelete.push((p, newStart) => mirror.onDeleted(p, newStart));
    }
    const scalesOut = ctx.scenario.timeline.some((e) => e.kafka?.addBrokers !== undefined || e.kafka?.reassign === true);
    this.metrics = new KafkaMetrics(this.cluster, this.mirror, (now) => this.costItemsTotal(now), scalesOut);
  }

  start(): void {
    this.cluster.start();
    this.controller.start();
    this.retention.start();
    this.mirror?.start();
  }

  apply(entry: TimelineEntry): void {
    const now = this.ctx.sim.now;
    const cluster = this.cluster;
    const action = entry.kafka;
    if (action) {
      if (action.failBroker !== undefined) this.controller.failBroker(action.failBroker, now, action.for);
      if (action.addPartitions !== undefined) this.addPartitions(action.addPartitions, now);
      if (action.addBrokers !== undefined || action.reassign === true)
        this.reassigner.scaleOut(action.addBrokers ?? 0, action.reassign ?? true, action.throttle, now);
      if (action.mirrorFailover && this.mirror) this.mirror.failover(now);
    }
    if (entry.zoneOutage) {
      const { zone, for: duration } = entry.zoneOutage;
      for (const b of cluster.brokers) if (b.zone === zone) this.controller.failBroker(b.id, now, duration);
      for (const app of cluster.apps) {
        for (const m of app.members) {
          if (m.zone !== zone || !m.alive) continue;
          app.memberCrashes(m, now);
          if (duration !== undefined) this.ctx.sim.schedule(duration, () => app.memberStarts(m, this.ctx.sim.now));
        }
      }
    }
    if (entry.consumerOutage) {
      const app = cluster.apps.find((a) => a.name === entry.consumerOutage!.app);
      const duration = entry.consumerOutage.for;
      if (app) {
        for (const m of app.members) app.memberStops(m, now);
        if (duration !== undefined) this.ctx.sim.schedule(duration, () => {
          for (const m of app.members) app.memberStarts(m, this.ctx.sim.now);
        });
      }
    }
    if (entry.consumerFailure) {
      const app = cluster.apps.find((a) => a.name === entry.consumerFailure!.app);
      const m = app?.members[entry.consumerFailure.instance];
      if (app && m) {
        app.memberCrashes(m, now);
        const duration = entry.consumerFailure.for;
        if (duration !== undefined) this.ctx.sim.schedule(duration, () => app.memberStarts(m, this.ctx.sim.now));
      }
    }
  }

  /** kafka-topics --alter --partitions: new partitions placed as Kafka places them; keys are hashed over the new count. */
  private addPartitions(count: number, now: Micros): void {
    const cluster = this.cluster;
    const old = cluster.partitions.length;
    const total = old + count;
    const brokers = cluster.brokers.map((b) => ({ id: b.id, zone: b.zone }));
    const assignment = assignReplicas(total, brokers, this.config.replicationFactor, this.config.placementStartIndex);
    for (let p = old; p < total; p++) {
      const partition = cluster.newPartition(p, assignment[p]);
      partition.replicas.forEach((b, r) => {
        if (!cluster.brokers[b].alive) partition.inIsr[r] = false;
      });
      if (!cluster.brokers[partition.leader].alive) this.controller.elect(partition, now);
      cluster.partitions.push(partition);
    }
    for (const producer of cluster.producers) producer.onPartitionsAdded(total);
    for (const app of cluster.apps) app.onPartitionsAdded(total, now);
    this.mirror?.grow(total);
    this.controller.afterLeadershipChange(now);
  }

  sample(now: Micros, interval: Micros): Record<string, number> {
    return this.metrics.sample(now, interval);
  }

  private costItems(now: Micros): Record<string, number> {
    const cluster = this.cluster;
    // Each broker bills from the moment it joined (brokers added by a scale-out bill from then on).
    let brokerHours = 0;
    let storageGBHours = 0;
    for (const b of cluster.brokers) {
      const hours = Math.max(0, now - b.joinedAt) / HOUR;
      brokerHours += hours;
      storageGBHours += (b.diskCapacityBytes / 1e9) * hours;
    }
    return kafkaCostItems(
      {
        deployment: this.config.deployment,
        instance: cluster.instance,
        brokerHours,
        storageGBMonths: storageGBHours / HOURS_PER_MONTH,
        crossAzBytes: { ...cluster.crossZone },
      },
      this.config.prices,
    );
  }

  private costItemsTotal(now: Micros): number {
    return Object.values(this.costItems(now)).reduce((a, b) => a + b, 0);
  }

  finish(now: Micros): SystemSummary {
    const cluster = this.cluster;
    let pending = 0;
    for (const producer of cluster.producers) pending += producer.pendingRecords(now);
    const offered = this.ctx.sources.reduce((a, s) => a + s.offeredRecords, 0);
    const accepted = cluster.producers.reduce((a, p) => a + p.accepted, 0);
    const acceptedBytes = cluster.producers.reduce((a, p) => a + p.acceptedBytes, 0);
    const rejected = cluster.producers.reduce((a, p) => a + p.rejected, 0);
    const rejectedBy: Record<string, number> = {};
    for (const producer of cluster.producers) for (const [k, v] of Object.entries(producer.rejectedBy)) rejectedBy[k] = (rejectedBy[k] ?? 0) + v;

    const consumers: Record<string, ConsumerSummary> = Object.create(null);
    for (const app of cluster.apps) {
      let lagMaxMs = this.metrics.lagMaxMs.get(app.name) ?? 0;
      for (let p = 0; p < cluster.partitions.length; p++) lagMaxMs = Math.max(lagMaxMs, app.lag(p, now).ms);
      const summary: ConsumerSummary = {
        // Records processed and then destroyed by an unclean election count as lost, not delivered.
        delivered: app.delivered - app.deliveredThenLost,
        duplicates: app.duplicates,
        expired: app.expired,
        backlog: app.backlog(),
        lagMaxMs,
        ...(app.skipped > 0 ? { skipped: app.skipped } : {}),
        ...(app.deliveredThenLost > 0 ? { deliveredThenLost: app.deliveredThenLost } : {}),
        rebalances: app.rebalances,
      };
      const latency = app.latency.percentilesMs();
      if (latency) summary.latencyMs = latency;
      consumers[app.name] = summary;
    }

    const producerThrottleMs = cluster.producers.reduce((a, p) => a + p.throttleMicrosTotal, 0) / MILLISECOND;
    const fetchThrottleMs = cluster.apps.reduce((a, app) => a + app.fetchThrottleMicros, 0) / MILLISECOND;
    const throttled: Record<string, number> = {
      produceThrottleTimeMs: producerThrottleMs,
      fetchThrottleTimeMs: fetchThrottleMs,
      produceRequestsThrottled: cluster.counters.produceThrottled,
      fetchRequestsThrottled: cluster.counters.fetchThrottled,
      NotEnoughReplicas: cluster.counters.notEnoughReplicas,
      NotLeaderOrFollower: cluster.counters.notLeader,
      KafkaStorageException: cluster.counters.diskFull,
      bufferExhausted: cluster.counters.bufferExhausted,
    };

    const summary: SystemSummary = {
      records: { offered, accepted, rejected, pending, lost: cluster.lost, ...(rejected > 0 ? { rejectedBy } : {}) },
      consumers,
      throttled,
      cost: costSummary(this.costItems(now), now, accepted, acceptedBytes),
      bottlenecks: this.metrics.utilisation.ranked(),
      brokers: cluster.brokers.map((b) => ({
        id: b.id, zone: b.zone, alive: b.alive, instance: b.instance.name,
        leaderPartitions: cluster.partitionsLedBy(b.id).length, diskUsedBytes: b.diskUsedBytes, diskCapacityBytes: b.diskCapacityBytes,
        replicas: cluster.partitions.filter((p) => p.replicas.includes(b.id)).length,
        ...(b.joinedAt > 0 ? { joinedAtSeconds: b.joinedAt / SECOND } : {}),
      })),
      partitions: cluster.partitions.length,
      underReplicatedPartitionMinutes: this.metrics.underReplicatedPartitionMinutes,
      leaderElections: cluster.counters.leaderElections,
      uncleanLeaderElections: cluster.counters.uncleanElections,
      isrShrinks: cluster.counters.isrShrinks,
      isrExpands: cluster.counters.isrExpands,
      crossZoneBytes: { ...cluster.crossZone },
      producers: Object.fromEntries(cluster.producers.map((p) => [p.name, {
        requests: p.requests,
        requestLatencyMs: p.requestLatency.percentilesMs(),
        ...(p.keysMoved > 0 ? { keysMoved: p.keysMoved, recordsOfMovedKeys: p.recordsOfMovedKeys } : {}),
      }])),
    };
    const reassignments = this.reassigner.finish();
    if (reassignments.length > 0) summary.reassignments = reassignments;
    if (this.mirror) {
      summary.mirror = {
        replicatedRecords: this.mirror.replicatedRecords,
        replicatedBytes: this.mirror.replicatedBytes,
        replicationLatencyMs: this.mirror.replicationLatency.percentilesMs(),
        lagRecordsAtEnd: this.mirror.lagRecords(),
        expiredBeforeMirrored: this.mirror.expiredBeforeMirrored,
        failovers: this.mirror.failovers,
      };
    }
    return summary;
  }
}

/** Checks that need the whole scenario (paths from the scenario root). */
function validate(scenario: Scenario, config: KafkaConfig): PathProblem[] {
  const problems: PathProblem[] = [];
  const at = (...path: (string | number)[]) => ['systems', 'kafka', ...path];
  if (!resolveInstance(config.deployment, config.instance))
    problems.push({ path: at('instance'), message: `unknown ${config.deployment} instance "${String(config.instance)}" (have: ${instanceNames(config.deployment).join(', ')})` });
  if (config.replicationFactor > config.brokers)
    problems.push({ path: at('replicationFactor'), message: `replication factor ${config.replicationFactor} is larger than the ${config.brokers} broker(s)` });
  if (config.minInsyncReplicas > config.replicationFactor)
    problems.push({ path: at('minInsyncReplicas'), message: `min.insync.replicas ${config.minInsyncReplicas} is larger than the replication factor ${config.replicationFactor}: acks=all writes would always fail` });
  if (config.zones > config.brokers) problems.push({ path: at('zones'), message: `${config.zones} zones need at least as many brokers (have ${config.brokers})` });
  const apps = scenario.workload.consumers.map((c) => c.name);
  for (const name of Object.keys(config.consumers))
    if (!apps.includes(name)) problems.push({ path: at('consumers', name), message: `no consumer application named "${name}" (have: ${apps.join(', ') || 'none'})` });
  // Brokers that exist when each action runs: the initial ones plus those added by earlier actions.
  const order = scenario.timeline.map((e, i) => ({ at: e.at, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const brokersAt: number[] = [];
  let brokers = config.brokers;
  for (const { i } of order) {
    brokersAt[i] = brokers;
    brokers += scenario.timeline[i].kafka?.addBrokers ?? 0;
  }
  scenario.timeline.forEach((entry, i) => {
    const k = entry.kafka;
    const path = (key: string) => ['timeline', i, 'kafka', key];
    if (k?.failBroker !== undefined && k.failBroker >= brokersAt[i])
      problems.push({ path: path('failBroker'), message: `no broker ${k.failBroker} at that time: brokers are numbered 0 to ${brokersAt[i] - 1}` });
    if (k?.reassign === false && k.addBrokers === undefined)
      problems.push({ path: path('reassign'), message: 'reassign: false does nothing without addBrokers' });
    if (k?.throttle !== undefined && (k.reassign === false || (k.reassign === undefined && k.addBrokers === undefined)))
      problems.push({ path: path('throttle'), message: 'a replication throttle applies to a reassignment: use it with addBrokers (or reassign: true)' });
    if (k?.throttle !== undefined && !(k.throttle > 0))
      problems.push({ path: path('throttle'), message: 'the replication throttle must be above 0 bytes/s (a throttle of 0 would never finish the reassignment)' });
    // Amazon MSK grows a cluster per zone: the target broker count "must be a multiple of the number of
    // Availability Zones" (MSK Developer Guide, "Expand the number of brokers in an Amazon MSK cluster",
    // docs.aws.amazon.com/msk/latest/developerguide/msk-update-broker-count.html).
    if (k?.addBrokers !== undefined && config.deployment === 'msk' && k.addBrokers % config.zones !== 0)
      problems.push({ path: path('addBrokers'), message: `Amazon MSK adds brokers in multiples of the ${config.zones} zones (asked for ${k.addBrokers})` });
    if (k?.mirrorFailover && !config.mirror) problems.push({ path: ['timeline', i, 'kafka', 'mirrorFailover'], message: 'needs `systems.kafka.mirror`' });
    if (entry.zoneOutage && entry.zoneOutage.zone >= config.zones)
      problems.push({ path: ['timeline', i, 'zoneOutage', 'zone'], message: `the Kafka cluster has zones 0 to ${config.zones - 1}` });
  });
  return problems;
}

/**
 * Settings Kafka itself adjusts: idempotence needs acks=all and at most 5 requests in flight; when
 * they conflict and idempotence was not set explicitly it is disabled (`enable.idempotence` doc).
 */
function effectiveConfig(config: KafkaConfig): KafkaConfig {
  const p = config.producer;
  const idempotence = p.idempotence && p.acks === 'all' && p.maxInFlight <= 5;
  return { ...config, producer: { ...p, idempotence } };
}

export const kafkaSystem: SystemDefinition<KafkaConfig> = {
  name: 'kafka',
  create: (ctx, config) => new KafkaModel(ctx, effectiveConfig(config)),
  validate,
};
