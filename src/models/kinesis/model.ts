import { formatDuration, toSeconds, type Micros } from '../../engine/time.ts';
import type { TimelineEntry } from '../../scenario/timeline-schema.ts';
import { costSummary } from '../../simulation/cost.ts';
import type { ModelContext, SystemModel } from '../../simulation/model.ts';
import type { ConsumerSummary, SystemSummary } from '../../simulation/result.ts';
import { AppProgress } from './app-progress.ts';
import { Autoscaler } from './autoscaling.ts';
import { defaultConsumerConfig, type KinesisAction, type KinesisConfig } from './config.ts';
import { PollingReader } from './consumer.ts';
import { FanOutReader } from './fan-out.ts';
import { KclApplication } from './kcl.ts';
import { sampleRow } from './metrics.ts';
import { UtilisationTracker } from '../../simulation/utilisation.ts';
import { OnDemandCapacity } from './on-demand.ts';
import { KplProducer, ProducerClient, SdkProducer } from './producer.ts';
import { RecordFeed } from './record-feed.ts';
import { kinesisCostItems } from './pricing.ts';
import { ReshardRules } from './resharding.ts';
import type { ShardAllowance } from './shard.ts';
import { Stream } from './stream.ts';
import type { TopologyChange } from './topology.ts';
import { UsageMeter } from './usage.ts';
import { WriteStats } from './write-stats.ts';

/** A resharding that happened (or was refused), for the summary and the report. */
export interface ReshardRecord {
  atSeconds: number;
  action: string;
  from: number;
  to?: number;
  refused?: string;
  by: 'timeline' | 'autoscaling';
}

/** The Kinesis Data Streams model: a stream, producer clients, KCL applications, and the timeline. */
export class KinesisModel implements SystemModel {
  readonly stream: Stream;
  readonly stats = new WriteStats();
  readonly producers: ProducerClient[];
  readonly apps: { name: string; type: 'polling' | 'efo'; progress: AppProgress; kcl: KclApplication; startAt: Micros }[];
  readonly usage: UsageMeter;
  readonly onDemand: OnDemandCapacity | undefined;
  readonly autoscaler: Autoscaler | undefined;
  private readonly rules: ReshardRules;
  readonly reshards: ReshardRecord[] = [];
  private lagMaxMs = new Map<string, number>();
  /** Every resource that can cap throughput, per interval (summary `bottlenecks`, `utilisation.*` columns). */
  readonly utilisation = new UtilisationTracker();
  private readonly initialShards: number;

  constructor(
    readonly ctx: ModelContext,
    readonly config: KinesisConfig,
  ) {
    const { sim, scenario } = ctx;
    const l = config.limits;
    const allowance: ShardAllowance = {
      writeBytesPerSec: l.shardWriteBytesPerSec,
      writeRecordsPerSec: l.shardWriteRecordsPerSec,
      writeBurstSeconds: l.writeBurstSeconds,
      maxRecordBytes: config.maxRecordSize,
      readCallsPerSec: l.shardReadCallsPerSec,
      readBytesPerSec: l.shardReadBytesPerSec,
      readRecordsPerSec: l.shardReadRecordsPerSec,
    };
    const longest = Math.max(config.retention, ...scenario.timeline.map((e) => e.kinesis?.retention ?? 0));
    this.initialShards = config.mode === 'on-demand' ? config.onDemand.initialShards : config.shards;
    this.stream = new Stream(config, this.initialShards, allowance, longest);
    this.rules = new ReshardRules(l);
    this.usage = new UsageMeter(this.stream, config.mode);
    this.producers = ctx.sources.map((source) =>
      config.producer.client === 'kpl'
        ? new KplProducer(sim, source, this.stream, config, this.stats)
        : new SdkProducer(sim, source, this.stream, config, this.stats, ctx.random.stream(`kinesis/producer/${source.name}/backoff`)),
    );
    this.apps = scenario.workload.consumers.map((spec) => {
      const consumer = config.consumers[spec.name] ?? defaultConsumerConfig();
      const progress = new AppProgress(spec.name, this.stream, spec.startFrom === 'latest');
      const kcl = new KclApplication(sim, this.stream, spec, consumer, config, progress, (app, lease) =>
        consumer.type === 'efo' ? new FanOutReader(app, lease) : new PollingReader(app, lease),
      );
      return { name: spec.name, type: consumer.type, progress, kcl, startAt: spec.startAt };
    });
    this.stream.onTrim.push((shard) => {
      for (const app of this.apps) app.progress.onTrim(shard);
    });
    this.stream.onTopologyChange.push((change) => {
      const created = change.created.map((d) => this.stream.shards[d.index]);
      for (const app of this.apps) app.kcl.onShardsCreated(created);
    });
    this.onDemand = config.mode === 'on-demand' ? new OnDemandCapacity(sim, this.stream, config, this.stats) : undefined;
    this.autoscaler = config.autoscaling
      ? new Autoscaler(sim, config.autoscaling, config, this.stats, () => this.stream.openCount, (target) =>
          this.requestReshard({ updateShardCount: target }, 'autoscaling'), (now) => this.stream.observe(now),
        )
      : undefined;
  }

  start(): void {
    const sim = this.ctx.sim;
    // Enhanced fan-out reacts to each append as it happens, so its producers run one event per send;
    // otherwise producers are advanced whenever the stream is observed (same sends, fewer events).
    const eager = this.apps.some((a) => a.type === 'efo');
    this.feed = this.startFeed(eager);
    for (const producer of this.producers) producer.start(eager);
    if (!eager) this.stream.observe = (now, shard) => this.catchUp(now, shard);
    for (const app of this.apps) {
      // An application reading from the earliest record is accountable for every record from time 0
      // (records that expire before it starts count as expired); one starting at LATEST from its start.
      if (app.progress.registered === false && this.ctx.scenario.workload.consumers.find((c) => c.name === app.name)!.startFrom === 'earliest')
        app.progress.register();
      sim.at(app.startAt, () => {
        this.stream.observe(sim.now);
        this.usage.accrue(sim.now);
        if (app.type === 'efo') this.usage.efoConsumers++;
        app.kcl.start();
      });
    }
    this.onDemand?.start();
    this.autoscaler?.start();
  }

  private feed: RecordFeed | undefined;

  /**
   * A worker thread that makes the producer's records and send groups ahead (record-feed.ts), for a
   * run long enough to repay starting it, where the client's windows can use its groups: one lazy
   * producer on a provisioned stream whose shards never change.
   */
  private startFeed(eager: boolean): RecordFeed | undefined {
    const scenario = this.ctx.scenario;
    const reshards =
      this.config.mode !== 'provisioned' ||
      this.config.autoscaling !== undefined ||
      scenario.timeline.some((e) => e.kinesis && (e.kinesis.updateShardCount !== undefined || e.kinesis.splitShard || e.kinesis.mergeShards));
    if (eager || reshards || this.producers.length !== 1 || !ProducerClient.shortcuts) return undefined;
    const source = this.ctx.sources[0];
    if (source.peakRecordsPerSecond * toSeconds(scenario.duration) < RecordFeed.minRecords) return undefined;
    const producer = this.producers[0];
    const routesFollow = source.keyCount <= RecordFeed.maxSharedRoutes;
    const feed = new RecordFeed(
      {
        producer: scenario.workload.producers[0],
        producerIndex: 0,
        seed: scenario.seed,
        shards: this.initialShards,
        explicitHashKeys: this.config.producer.explicitHashKeys,
        rules: producer.groupingRules,
        room: producer.emptyBufferRoom,
        routesFollow,
      },
      source.peakRecordsPerSecond,
    );
    if (routesFollow) feed.sendRoutes(producer.allRoutes());
    source.feedFrom(feed);
    producer.useFeed(feed, scenario.duration);
    return feed;
  }

  /**
   * Performs every lazy producer send whose records arrive at or before `now`, in time order (with
   * `shard`, a single producer may leave other shards' records of sends it has made for later).
   */
  private catchUp(now: Micros, shard: number | undefined): void {
    const producers = this.producers;
    if (producers.length === 1) {
      producers[0].advanceUntil(now, shard);
      return;
    }
    for (;;) {
      let first: ProducerClient | undefined;
      for (const p of producers) if (p.nextArrival <= now && (!first || p.nextArrival < first.nextArrival)) first = p;
      if (!first) return;
      first.advanceOne();
    }
  }

  apply(entry: TimelineEntry): void {
    const now = this.ctx.sim.now;
    this.stream.observe(now);
    if (entry.kinesis) this.applyKinesis(entry.kinesis, now);
    if (entry.consumerFailure) {
      const { app, instance, for: duration } = entry.consumerFailure;
      this.outage(app, [instance], duration);
    }
    if (entry.consumerOutage) {
      const app = this.apps.find((a) => a.name === entry.consumerOutage!.app);
      if (app) this.outage(app.name, Array.from({ length: app.kcl.instanceCount }, (_, i) => i), entry.consumerOutage.for);
    }
    if (entry.zoneOutage) {
      // Kinesis keeps every acknowledged record: it is written synchronously to three zones
      // ([FAQ-CUR]), so a zone outage loses nothing and writes go on. What stops is the consumer instances
      // running in that zone (instance i runs in zone i mod 3); their leases fail over to the others.
      for (const app of this.apps) this.outage(app.name, app.kcl.instancesInZone(entry.zoneOutage.zone), entry.zoneOutage.for);
    }
  }

  private outage(appName: string, instances: number[], duration: Micros | undefined): void {
    const app = this.apps.find((a) => a.name === appName);
    if (!app) return;
    for (const i of instances) app.kcl.crash(i);
    if (duration !== undefined) this.ctx.sim.schedule(duration, () => instances.forEach((i) => app.kcl.restart(i)));
  }

  private applyKinesis(action: KinesisAction, now: Micros): void {
    if (action.retention !== undefined) {
      this.usage.accrue(now);
      this.stream.setRetention(action.retention, now, this.config.limits.retentionIncreaseDelay);
    }
    if (action.updateShardCount !== undefined || action.splitShard || action.mergeShards) this.requestReshard(action, 'timeline');
  }

  /** A resharding call: checked against the rules now, applied when it completes (reshardDuration later). */
  private requestReshard(action: KinesisAction, by: 'timeline' | 'autoscaling'): string | undefined {
    const sim = this.ctx.sim;
    const now = sim.now;
    const topology = this.stream.topology;
    const from = topology.openCount;
    let problem: string | undefined;
    let label: string;
    let complete: () => TopologyChange;
    if (action.updateShardCount !== undefined) {
      const target = action.updateShardCount;
      label = `UpdateShardCount ${from} -> ${target}`;
      problem = this.config.mode === 'on-demand' ? 'on-demand streams scale themselves' : this.rules.updateShardCountProblem(from, target, now);
      if (!problem) this.rules.recordUpdate(now);
      complete = () => topology.uniform(target);
    } else if (action.splitShard) {
      const { shard, at } = action.splitShard;
      label = `SplitShard ${shard}`;
      problem = this.rules.splitProblem(topology, shard, now);
      if (!problem) this.rules.markBusy(now);
      complete = () => topology.split(topology.byId(shard)!, at);
    } else {
      const ids = action.mergeShards!;
      label = `MergeShards ${ids.join(' + ')}`;
      problem = this.rules.mergeProblem(topology, ids, now);
      if (!problem) this.rules.markBusy(now);
      complete = () => topology.merge(topology.byId(ids[0])!, topology.byId(ids[1])!);
    }
    if (problem) {
      this.reshards.push({ atSeconds: toSeconds(now), action: label, from, refused: problem, by });
      return problem;
    }
    sim.schedule(this.config.limits.reshardDuration, () => {
      this.stream.observe(sim.now);
      this.usage.accrue(sim.now);
      this.stream.applyChange(complete(), sim.now);
      this.reshards.push({ atSeconds: toSeconds(sim.now), action: label, from, to: this.stream.openCount, by });
    });
    return undefined;
  }

  sample(now: Micros, interval: Micros): Record<string, number> {
    this.stream.trim(now);
    this.usage.accrue(now);
    this.syncUsage();
    const row = sampleRow(this, now, interval, kinesisCostItemsTotal(this));
    for (const app of this.apps) {
      const lag = row[`app.${app.name}.lagMs`] ?? 0;
      this.lagMaxMs.set(app.name, Math.max(this.lagMaxMs.get(app.name) ?? 0, lag));
    }
    return row;
  }

  /** Copies counters kept elsewhere (write stats, apps) into the usage record. */
  private syncUsage(): void {
    const u = this.usage.usage;
    u.putPayloadUnits = this.stats.putPayloadUnits;
    u.onDemandBilledGBIn = this.stats.onDemandBilledBytes / 1e9;
    let efoBytes = 0;
    let pollBytes = 0;
    let longTerm = 0;
    let writes = 0;
    let reads = 0;
    for (const app of this.apps) {
      if (app.type === 'efo') efoBytes += app.progress.readBytes.total;
      else pollBytes += app.progress.readBytes.total;
      longTerm += app.progress.longTermReadBytes;
      writes += app.kcl.dynamoWriteUnits;
      reads += app.kcl.dynamoReadUnits;
    }
    u.efoRetrievalGB = efoBytes / 1e9;
    u.onDemandGBOut = this.config.mode === 'on-demand' ? pollBytes / 1e9 : 0;
    u.longTermRetrievalGB = this.config.mode === 'provisioned' ? longTerm / 1e9 : 0;
    u.dynamoWriteRequestUnits = Math.round(writes);
    u.dynamoReadRequestUnits = reads;
  }

  finish(now: Micros): SystemSummary {
    this.stream.trim(now);
    for (const app of this.apps) {
      app.kcl.finish(now);
      for (const lease of app.kcl.leases.values()) lease.reader?.stop(now);
    }
    this.usage.accrue(now);
    this.syncUsage();
    const pending = this.producers.reduce((n, p) => n + p.pendingAt(now), 0);
    this.feed?.close();
    const offered = this.ctx.sources.reduce((n, s) => n + s.offeredRecords, 0);
    const accepted = this.stats.acceptedRecords.total;
    const consumers: Record<string, ConsumerSummary> = Object.create(null);
    for (const app of this.apps) {
      const p = app.progress;
      const lag = p.lagMsAt(now);
      const summary: ConsumerSummary = {
        delivered: p.delivered.total,
        duplicates: p.duplicates.total,
        expired: p.expired.total,
        backlog: p.backlog(),
        lagMaxMs: Math.max(this.lagMaxMs.get(app.name) ?? 0, lag),
        type: app.type,
      };
      if (p.skipped > 0 || this.ctx.scenario.workload.consumers.find((c) => c.name === app.name)!.startFrom === 'latest') summary.skipped = p.skipped;
      const latency = p.latency.percentilesMs();
      if (latency) summary.latencyMs = latency;
      const readLatency = p.readLatency.percentilesMs();
      if (readLatency) summary.readLatencyMs = readLatency;
      if (app.type === 'polling') {
        summary.getRecordsCalls = p.getRecordsCalls.total;
        summary.readThrottled = p.readThrottled.total;
      } else {
        summary.subscribeToShardCalls = p.subscriptions.total;
      }
      consumers[app.name] = summary;
    }
    const l = this.config.limits;
    const items = kinesisCostItems(this.usage.usage, this.config.prices);
    return {
      mode: this.config.mode,
      records: {
        offered,
        accepted,
        rejected: this.stats.rejected,
        pending,
        lost: 0,
        rejectedBy: { ...this.stats.rejectedBy },
      },
      consumers,
      throttled: {
        WriteProvisionedThroughputExceeded: this.stats.throttledKdsRecords.total,
        ReadProvisionedThroughputExceeded: this.apps.reduce((n, a) => n + a.progress.readThrottled.total, 0),
      },
      cost: costSummary(items, this.ctx.scenario.duration, accepted, this.stats.acceptedBytes.total),
      bottlenecks: this.utilisation.ranked(),
      shards: {
        initial: this.initialShards,
        final: this.stream.openCount,
        created: this.stream.shards.length,
        maxOpen: this.maxOpenShards,
      },
      reshards: this.reshards,
      ...(this.onDemand ? { onDemand: { finalWriteCapacityBytesPerSec: this.onDemand.capacityBytesPerSec, splits: this.onDemand.splits } } : {}),
      ...(this.autoscaler ? { autoscaling: { decisions: this.autoscaler.decisions, refused: this.autoscaler.refused } } : {}),
      writes: {
        kdsRecordsAccepted: this.stats.acceptedKdsRecords.total,
        bytesAccepted: this.stats.acceptedBytes.total,
        putRecordsCalls: this.stats.putCalls.total,
        putPayloadUnits: this.stats.putPayloadUnits,
      },
      limits: {
        shardWriteBytesPerSec: l.shardWriteBytesPerSec,
        shardWriteRecordsPerSec: l.shardWriteRecordsPerSec,
        shardReadBytesPerSec: l.shardReadBytesPerSec,
        shardReadCallsPerSec: l.shardReadCallsPerSec,
        maxRecordBytes: this.config.maxRecordSize,
        retention: formatDuration(this.stream.retention),
      },
      usage: this.usage.usage,
    };
  }

  get maxOpenShards(): number {
    return this.maxOpen;
  }

  /** Largest open shard count seen (updated by the sampler). */
  maxOpen = 0;
}

function kinesisCostItemsTotal(model: KinesisModel): number {
  const items = kinesisCostItems(model.usage.usage, model.config.prices);
  return Object.values(items).reduce((a, b) => a + b, 0);
}
