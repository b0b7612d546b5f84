import type { Simulator } from '../../engine/simulator.ts';
import type { Micros } from '../../engine/time.ts';
import type { ModelContext } from '../../simulation/model.ts';
import { Broker } from './broker.ts';
import type { KafkaConfig } from './config.ts';
import { ConsumerApp } from './consumer-group.ts';
import { resolveInstance, type BrokerInstance } from './instances.ts';
import type { Chunk } from './partition-log.ts';
import { assignReplicas } from './placement.ts';
import { KafkaProducer, type ProduceRequest, type ProducerBatch } from './producer.ts';
import { ClientQuota } from './quota.ts';
import type { Reassignment } from './reassignment.ts';
import { Partition, ReplicaFetcher } from './replication.ts';

/** Counts of events the summary and the series report. */
export interface ClusterCounters {
  notEnoughReplicas: number;
  notLeader: number;
  diskFull: number;
  produceThrottled: number;
  fetchThrottled: number;
  bufferExhausted: number;
  isrShrinks: number;
  isrExpands: number;
  leaderElections: number;
  uncleanElections: number;
}

/**
 * The Kafka cluster: brokers in zones, one topic's partitions placed rack-aware, the producers and
 * consumer groups, and the broker side of the produce path (leader append, acks, high watermark).
 * Failures, retention, MirrorMaker and metrics live in their own modules and act on this state.
 */
export class KafkaCluster {
  readonly sim: Simulator;
  readonly config: KafkaConfig;
  readonly instance: BrokerInstance;
  readonly brokers: Broker[] = [];
  readonly partitions: Partition[] = [];
  readonly producers: KafkaProducer[];
  readonly apps: ConsumerApp[];
  readonly zones: number;
  readonly crossZone = { replication: 0, producer: 0, consumer: 0, mirror: 0 };
  readonly counters: ClusterCounters = {
    notEnoughReplicas: 0, notLeader: 0, diskFull: 0, produceThrottled: 0, fetchThrottled: 0, bufferExhausted: 0,
    isrShrinks: 0, isrExpands: 0, leaderElections: 0, uncleanElections: 0,
  };
  /** Acknowledged records destroyed (acks=0/1 leader loss, unclean election). */
  lost = 0;
  intervalLost = 0;
  intervalAcceptedRecords = 0;
  intervalAcceptedBytes = 0;
  /** The partition reassignment in progress (its throttle and byte counts), else undefined. */
  reassignment: Reassignment | undefined = undefined;
  /** Told when a partition being reassigned changes its ISR or leader (./reassignment.ts completes moves). */
  onReassigningPartitionChange: ((p: Partition, now: Micros) => void) | undefined = undefined;
  private ledBy: Partition[][] = [];
  private readonly fetchers = new Map<string, ReplicaFetcher>();
  private readonly fetcherGrid: ReplicaFetcher[][] = [];
  private readonly produceQuotas = new Map<string, ClientQuota>();
  /** Scratch: partitions a produce request appended to. */
  private readonly touched: Partition[] = [];

  constructor(ctx: ModelContext, config: KafkaConfig) {
    this.sim = ctx.sim;
    this.config = config;
    this.zones = config.zones;
    const instance = resolveInstance(config.deployment, config.instance);
    if (!instance) throw new Error(`unknown Kafka instance ${JSON.stringify(config.instance)}`);
    this.instance = instance;
    for (let id = 0; id < config.brokers; id++) this.addBroker(id % config.zones, 0);
    const assignment = assignReplicas(config.partitions, this.brokers.map((b) => ({ id: b.id, zone: b.zone })), config.replicationFactor, config.placementStartIndex);
    assignment.forEach((replicas, p) => this.partitions.push(this.newPartition(p, replicas)));
    this.rebuildLeadership();
    this.producers = ctx.sources.map((source) => new KafkaProducer(this, source, config.producer, ctx.random.stream(`kafka/producer/${source.name}/retries`)));
    this.apps = ctx.scenario.workload.consumers.map(
      (spec) => new ConsumerApp(this, spec, config.consumer, config.consumers[spec.name] ?? { followerFetching: false }, ctx.random.stream(`kafka/consumer/${spec.name}/group`)),
    );
  }

  /** A broker joins (at the start, or later when the cluster is scaled out: empty, leading nothing). */
  addBroker(zone: number, now: Micros): Broker {
    const broker = new Broker(this.brokers.length, zone, this.instance, this.config.diskPerBroker ?? this.instance.diskBytes, this.config.brokerHeap);
    broker.joinedAt = now;
    this.brokers.push(broker);
    if (this.ledBy.length < this.brokers.length) this.ledBy.push([]);
    return broker;
  }

  newPartition(p: number, replicas: number[]): Partition {
    return new Partition(p, `${this.config.topic}-${p}`, replicas, this.config.segmentBytes, this.config.segmentMs);
  }

  start(): void {
    this.ensureFetchers(0);
    for (const producer of this.producers) producer.start();
    for (const app of this.apps) app.start();
  }

  /** One-way network latency between two zones (half the measured round trip). */
  oneWay(zoneA: number, zoneB: number): Micros {
    return (zoneA === zoneB ? this.config.network.sameZoneRtt : this.config.network.crossZoneRtt) / 2;
  }

  fetcherFor(follower: number, leader: number): ReplicaFetcher | undefined {
    return this.fetcherGrid[follower]?.[leader];
  }

  /** Partitions whose leader is broker b (in partition order). */
  partitionsLedBy(b: number): Partition[] {
    return this.ledBy[b] ?? [];
  }

  rebuildLeadership(): void {
    this.ledBy = this.brokers.map(() => []);
    for (const p of this.partitions) if (p.leader >= 0) this.ledBy[p.leader].push(p);
  }

  /** Starts the replica fetcher of every (follower, leader) pair that shares a partition and is up. */
  ensureFetchers(now: Micros): void {
    for (const p of this.partitions) {
      if (p.leader < 0 || !this.brokers[p.leader].alive) continue;
      for (const b of p.replicas) {
        if (b === p.leader || !this.brokers[b].alive) continue;
        const key = `${b}>${p.leader}`;
        let fetcher = this.fetchers.get(key);
        if (!fetcher) {
          this.fetchers.set(key, (fetcher = new ReplicaFetcher(this, this.brokers[b], this.brokers[p.leader])));
          (this.fetcherGrid[b] ??= [])[p.leader] = fetcher;
        }
        fetcher.markDirty(p);
        fetcher.start(now);
        fetcher.wake(now);
      }
    }
  }

  /** Stops fetchers whose pair no longer shares a partition (replicas removed by a reassignment). */
  stopIdleFetchers(): void {
    for (const fetcher of this.fetchers.values()) {
      const shared = this.partitions.some((p) => p.leader === fetcher.leader.id && p.replicas.includes(fetcher.follower.id));
      if (!shared) fetcher.stop();
    }
  }

  stopFetchersOf(broker: Broker): void {
    for (const fetcher of this.fetchers.values()) if (fetcher.follower === broker || fetcher.leader === broker) fetcher.stop();
  }

  // ---------------------------------------------------------------- produce path, broker side

  /** A produce request has crossed the leader's NIC: validate, append, answer (acks) or wait for the ISR. */
  handleProduce(request: ProduceRequest): void {
    const now = this.sim.now;
    const broker = request.broker;
    const producer = request.producer;
    const acks = this.config.producer.acks;
    if (acks !== 0 && request.finished) return; // the client already gave up on it (disconnect, timeout)
    const touched = this.touched;
    touched.length = 0;
    for (const batch of request.batches) {
      const p = this.partitions[batch.partition];
      if (!broker.alive || p.leader !== broker.id) {
        this.failBatch(request, batch, 'notLeader', now);
        continue;
      }
      if (acks === 'all' && p.isrSize < this.config.minInsyncReplicas) {
        this.failBatch(request, batch, 'notEnoughReplicas', now); // NotEnoughReplicasException, retriable
        continue;
      }
      if (this.config.producer.idempotence && batch.chunk && !batch.chunk.truncated) {
        // The broker recognises the producer id and sequence: a duplicate of a batch already in the log.
        if (batch.accepted) producer.batchResult(request, batch, true, now);
        else batch.awaiting = request;
        continue;
      }
      if (!broker.hasRoom(batch.wireBytes)) {
        this.failBatch(request, batch, 'diskFull', now); // KafkaStorageException
        continue;
      }
      const extra = batch.accepted && acks === 'all';
      const acceptedNow = acks !== 'all' && !extra;
      const chunk = p.log.append(batch.count, batch.wireBytes, batch.firstTime, batch.lastTime, now, acceptedNow, extra, acks === 'all' ? batch : undefined);
      if (!extra) batch.chunk = chunk;
      p.setLeaderLeo(p.log.endOffset);
      p.intervalInBytes += batch.wireBytes;
      broker.bytesIn += batch.wireBytes;
      broker.noteWrite(batch.wireBytes, now);
      if (touched.length === 0 || touched[touched.length - 1] !== p) touched.push(p);
      if (acks === 1) {
        this.acceptBatch(batch);
        producer.batchResult(request, batch, true, now);
      } else if (acks === 'all') {
        if (extra) producer.batchResult(request, batch, true, now);
        else batch.awaiting = request;
      }
    }
    const quotaRate = this.config.quotas.producerByteRate;
    if (quotaRate !== undefined && broker.alive) {
      const key = `${producer.name}@${broker.id}`;
      let quota = this.produceQuotas.get(key);
      if (!quota) this.produceQuotas.set(key, (quota = new ClientQuota(quotaRate)));
      const throttle = quota.record(request.bytes, now);
      if (throttle > 0) producer.setThrottle(request, throttle);
    }
    // The leader appends every partition of the request before parked replica fetches complete
    // (ReplicaManager.appendRecords), so a woken follower fetch copies all of them in one round.
    for (const p of touched) {
      for (const b of p.replicas) if (b !== broker.id) this.fetcherFor(b, broker.id)?.markDirty(p);
    }
    for (const p of touched) {
      for (const b of p.replicas) if (b !== broker.id) this.fetcherFor(b, broker.id)?.wake(now);
      this.updateHighWatermark(p, now);
    }
  }

  /** The leader refuses one batch of a request (a retriable error, or records lost with acks=0). */
  private failBatch(request: ProduceRequest, batch: ProducerBatch, counter: keyof ClusterCounters, now: Micros): void {
    this.counters[counter]++;
    if (this.config.producer.acks === 0) this.loseRecords(batch.count);
    else request.producer.batchResult(request, batch, false, now);
  }

  /** The system acknowledges a batch: it counts as accepted from now on. */
  acceptBatch(batch: ProducerBatch): void {
    if (batch.accepted) return;
    batch.accepted = true;
    batch.producer.onAccepted(batch);
    this.intervalAcceptedRecords += batch.count;
    this.intervalAcceptedBytes += batch.bytes;
  }

  loseRecords(n: number): void {
    this.lost += n;
    this.intervalLost += n;
  }

  /** Recomputes the high watermark; commits what it passed (acks=all answers) and wakes readers. */
  updateHighWatermark(p: Partition, now: Micros): void {
    if (p.leader < 0) return;
    const hw = p.computeHighWatermark();
    if (hw <= p.hw) return;
    p.hw = hw;
    p.knownHw[p.indexOf(p.leader)] = hw;
    p.log.commitTo(hw, this, now);
    const leader = this.brokers[p.leader];
    if (leader.parkedConsumerFetches.size > 0) for (const fetch of leader.parkedConsumerFetches) fetch.wakeFor(p.id, now);
  }

  /** The high watermark passed a chunk (CommitSink). */
  onCommit(chunk: Chunk, now: Micros): void {
    const batch = chunk.owner as ProducerBatch | undefined;
    if (!batch || chunk.accepted || chunk.extra) return;
    if (batch.accepted || batch.rejected) {
      // Another copy was committed first, or the producer gave up on this one: not a unique record.
      chunk.extra = true;
      return;
    }
    chunk.accepted = true;
    this.acceptBatch(batch);
    const request = batch.awaiting;
    if (request) {
      batch.awaiting = undefined;
      batch.producer.batchResult(request, batch, true, now);
    }
  }

  /** A leader change: requests waiting for the old leader's ISR fail (NOT_LEADER_OR_FOLLOWER) and are retried. */
  failAwaiting(p: Partition, now: Micros): void {
    for (const chunk of p.log.chunksFrom(p.hw)) {
      const batch = chunk.owner as ProducerBatch | undefined;
      if (!batch) continue;
      const request = batch.awaiting;
      if (request) {
        batch.awaiting = undefined;
        batch.producer.batchResult(request, batch, false, now);
      }
    }
  }

  maybeExpandIsr(p: Partition, r: number, now: Micros): void {
    if (p.inIsr[r] || p.leader < 0) return;
    const broker = this.brokers[p.replicas[r]];
    if (!broker.alive || broker.fenced) return;
    if (p.leo[r] >= p.hw) {
      p.inIsr[r] = true;
      p.lastCaughtUp[r] = now;
      this.counters.isrExpands++;
      if (p.move !== undefined) this.onReassigningPartitionChange?.(p, now);
    }
  }

  /** A follower appended data: it may serve consumers in its zone further (KIP-392). */
  onFollowerProgress(p: Partition, r: number, now: Micros): void {
    const broker = this.brokers[p.replicas[r]];
    if (broker.parkedConsumerFetches.size > 0) for (const fetch of broker.parkedConsumerFetches) fetch.wakeFor(p.id, now);
  }
}
