import { BandwidthLink } from '../../engine/bandwidth-link.ts';
import { LatencyHistogram } from '../../engine/metrics.ts';
import type { Rng } from '../../engine/random.ts';
import type { ScheduledEvent } from '../../engine/simulator.ts';
import { MILLISECOND, SECOND, type Micros } from '../../engine/time.ts';
import type { RecordSource } from '../../workload/record-source.ts';
import type { Broker } from './broker.ts';
import type { KafkaCluster } from './cluster.ts';
import type { ProducerConfig } from './config.ts';
import { resolveCodec } from './compression.ts';
import { BATCH_OVERHEAD_BYTES, RETRY_BACKOFF_JITTER } from './defaults.ts';
import type { Chunk } from './partition-log.ts';
import { partitionForKey } from './partitioner.ts';
import { TimeAverage } from '../../simulation/utilisation.ts';

/**
 * The sender wakes at least this far apart (simulation resolution, not a Kafka setting): with
 * linger.ms = 0 Kafka sends whatever accumulated while earlier requests were in flight; waking
 * every millisecond keeps that behaviour without an event per record.
 */
const MIN_WAKE_MICROS: Micros = 1 * MILLISECOND;
/** Housekeeping cadence for request and delivery timeouts (their resolution). */
const HOUSEKEEPING_MICROS: Micros = 1 * SECOND;

/** A closed batch of records for one partition, from its creation to its last outcome. */
export interface ProducerBatch {
  producer: KafkaProducer;
  partition: number;
  count: number;
  /** Record bytes before compression. */
  bytes: number;
  /** Bytes on the wire and on disk: compressed, plus the batch header. */
  wireBytes: number;
  firstTime: Micros;
  lastTime: Micros;
  /** Compression done (the batch cannot be sent earlier). */
  readyAt: Micros;
  retryAt: Micros;
  attempts: number;
  bufferBytes: number;
  /** Counted as accepted (acknowledged by the system). */
  accepted: boolean;
  /** Finished at the producer: acknowledged, or given up (rejected). */
  done: boolean;
  rejected: boolean;
  /** Where the batch sits in the log while it waits to be committed (a retry may find it there). */
  chunk?: Chunk;
  request?: ProduceRequest;
  /** acks=all: the request whose answer for this batch waits for the high watermark to pass it. */
  awaiting: ProduceRequest | undefined;
}

export interface ProduceRequest {
  producer: KafkaProducer;
  broker: Broker;
  batches: ProducerBatch[];
  bytes: number;
  sentAt: Micros;
  outstanding: number;
  failedBatches: ProducerBatch[];
  finished: boolean;
  throttleMicros: Micros;
}

/**
 * One Kafka producer client (one per workload producer): the record accumulator with a batch per
 * partition (`batch.size`, `linger.ms`), `buffer.memory`, the sender with
 * `max.in.flight.requests.per.connection` per broker and one batch per partition per request,
 * `max.request.size`, compression, acks, idempotence, and retries with exponential backoff bounded
 * by `delivery.timeout.ms` (Kafka producer configs).
 */
export class KafkaProducer {
  readonly name: string;
  /** The zone the producer runs in (producers are spread over zones in workload order). */
  readonly zone: number;
  accepted = 0;
  acceptedBytes = 0;
  rejected = 0;
  readonly rejectedBy: Record<string, number> = {};
  readonly requestLatency = new LatencyHistogram();
  throttleMicrosTotal = 0;
  throttledRequests = 0;
  requests = 0;
  /** addPartitions: keys whose partition changed, and records written for them since. */
  keysMoved = 0;
  recordsOfMovedKeys = 0;

  private partitionOf: Int32Array;
  private moved: Uint8Array | undefined;
  private numPartitions: number;
  private openCount = new Int32Array(0);
  private openBytes = new Float64Array(0);
  private openFirst = new Float64Array(0);
  private openLast = new Float64Array(0);
  private openList: number[] = [];
  private inOpenList = new Uint8Array(0);
  private readyQueues: ProducerBatch[][] = [];
  private readyTotal = 0;
  private inFlight: number[] = [];
  private throttledUntil: number[] = [];
  /** Per broker: where the next drain starts among the partitions it leads. */
  private drainIndex: number[] = [];
  private readonly inFlightRequests = new Set<ProduceRequest>();
  /** Requests in flight per broker connection, and buffer bytes held, averaged over time (utilisation). */
  private readonly inFlightLevel: TimeAverage[] = [];
  private readonly bufferLevel = new TimeAverage();
  private bufferUsed = 0;
  private blocked = false;
  private pulledUntil: Micros = 0;
  private wakeEvent: ScheduledEvent | undefined;
  private wakeAt: Micros = Number.POSITIVE_INFINITY;
  private readonly ratio: number;
  private readonly compressor: BandwidthLink | undefined;
  /** The client machine's network link out (produce requests leave through it). */
  private readonly nic: BandwidthLink;
  private readonly lingerMicros: Micros;

  constructor(
    private readonly cluster: KafkaCluster,
    private readonly source: RecordSource,
    private readonly cfg: ProducerConfig,
    private readonly rng: Rng,
  ) {
    this.name = source.name;
    this.zone = source.producerIndex % cluster.zones;
    this.numPartitions = cluster.partitions.length;
    this.partitionOf = new Int32Array(source.keyCount).fill(-1);
    const codec = resolveCodec(cfg.compression);
    this.ratio = codec.ratio;
    // Compression runs on the producer's one sender/application core, batch after batch.
    this.compressor = Number.isFinite(codec.compressBytesPerSec) ? new BandwidthLink(codec.compressBytesPerSec) : undefined;
    this.lingerMicros = cfg.lingerMs * MILLISECOND;
    this.nic = new BandwidthLink(source.networkBytesPerSec);
    this.resize(this.numPartitions);
  }

  private resize(n: number): void {
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    if (n > this.openCount.length) {
      this.openCount = grow(this.openCount, (k) => new Int32Array(k));
      this.openBytes = grow(this.openBytes, (k) => new Float64Array(k));
      this.openFirst = grow(this.openFirst, (k) => new Float64Array(k));
      this.openLast = grow(this.openLast, (k) => new Float64Array(k));
      this.inOpenList = grow(this.inOpenList, (k) => new Uint8Array(k));
    }
    while (this.readyQueues.length < n) this.readyQueues.push([]);
  }

  start(): void {
    this.scheduleWake(this.source.peekNextTime() + this.lingerMicros);
    const housekeeping = () => {
      this.housekeeping(this.cluster.sim.now);
      this.cluster.sim.schedule(HOUSEKEEPING_MICROS, housekeeping);
    };
    this.cluster.sim.schedule(HOUSEKEEPING_MICROS, housekeeping);
  }

  private scheduleWake(at: Micros): void {
    const now = this.cluster.sim.now;
    const time = Math.max(at, now);
    if (!Number.isFinite(time)) return;
    if (this.wakeEvent && !this.wakeEvent.cancelled && this.wakeAt <= time) return;
    this.cluster.sim.cancel(this.wakeEvent);
    this.wakeAt = time;
    this.wakeEvent = this.cluster.sim.at(time, () => {
      this.wakeEvent = undefined;
      this.wakeAt = Number.POSITIVE_INFINITY;
      this.wake(this.cluster.sim.now);
    });
  }

  private wake(now: Micros): void {
    this.pullRecords(now);
    this.trySend(now);
    this.planNextWake(now);
  }

  /**
   * The sender's next wake-up: when the oldest batch of a broker that could take a request reaches
   * linger.ms, when a retry's backoff ends, or when the next record arrives plus linger.ms (records
   * are taken from the application at wake-ups, so there is no event per record). A broker at its
   * in-flight limit is woken by its next response instead.
   */
  private planNextWake(now: Micros): void {
    let next = Number.POSITIVE_INFINITY;
    if (!this.blocked) {
      const leaders = this.cluster.partitions;
      const open = this.openList;
      for (let i = 0; i < open.length; ) {
        const p = open[i];
        if (this.openCount[p] === 0) {
          // Drained: off the list until a record opens a new batch.
          this.inOpenList[p] = 0;
          open[i] = open[open.length - 1];
          open.pop();
          continue;
        }
        i++;
        const at = this.openFirst[p] + this.lingerMicros;
        if (at < next && this.canSendTo(leaders[p].leader, now)) next = at;
      }
      next = Math.min(next, this.source.peekNextTime() + this.lingerMicros);
    } else next = this.source.peekNextTime() + this.cfg.maxBlockMs * MILLISECOND;
    if (this.readyTotal > 0) {
      for (const q of this.readyQueues) if (q.length > 0 && q[0].retryAt > now) next = Math.min(next, q[0].retryAt, q[0].readyAt);
    }
    if (Number.isFinite(next)) this.scheduleWake(Math.max(next, now + MIN_WAKE_MICROS));
  }

  /** The connection to broker b could take another request now (up, under its in-flight limit, not throttled). */
  private canSendTo(b: number, now: Micros): boolean {
    if (b < 0) return false;
    const broker = this.cluster.brokers[b];
    return broker.alive && (this.inFlight[b] ?? 0) < this.cfg.maxInFlight && (this.throttledUntil[b] ?? 0) <= now;
  }

  /** Takes records created up to `now` from the workload into the per-partition batches. */
  private pullRecords(now: Micros): void {
    const source = this.source;
    const maxBlock = this.cfg.maxBlockMs * MILLISECOND;
    if (this.blocked) {
      if (this.bufferUsed < this.cfg.bufferMemory) this.blocked = false;
      else {
        // send() has blocked for max.block.ms: those records fail with a TimeoutException.
        const n = source.pull(now - maxBlock);
        if (n > 0) this.reject(n, 'bufferFull');
        this.pulledUntil = Math.max(this.pulledUntil, now - maxBlock);
        return;
      }
    }
    const slice = Math.max(this.lingerMicros, MIN_WAKE_MICROS);
    while (this.pulledUntil < now) {
      const end = Math.min(now, this.pulledUntil + slice);
      const n = source.pull(end);
      this.pulledUntil = end;
      if (n > 0) {
        this.addRecords(n, now, maxBlock);
        this.bufferLevel.set(this.bufferUsed, now);
      }
      if (this.bufferUsed >= this.cfg.bufferMemory) {
        this.blocked = true;
        this.cluster.counters.bufferExhausted++;
        break;
      }
    }
  }

  private addRecords(n: number, now: Micros, maxBlock: Micros): void {
    const { times, keys, sizes } = this.source;
    const batchSize = this.cfg.batchSize;
    const maxRecord = this.cfg.maxRequestSize - BATCH_OVERHEAD_BYTES;
    const oldest = now - maxBlock;
    const partitionOf = this.partitionOf;
    const openCount = this.openCount;
    const openBytes = this.openBytes;
    const openLast = this.openLast;
    const moved = this.moved;
    for (let i = 0; i < n; i++) {
      const t = times[i];
      const size = sizes[i];
      if (t < oldest) {
        this.reject(1, 'bufferFull'); // waited in a blocked send() longer than max.block.ms
        continue;
      }
      if (size > maxRecord) {
        this.reject(1, 'tooLarge'); // RecordTooLargeException: larger than max.request.size
        continue;
      }
      const k = keys[i];
      let p = partitionOf[k];
      if (p < 0) p = partitionOf[k] = partitionForKey(this.source.keyName(k), this.numPartitions);
      if (moved !== undefined && moved[k] === 1) this.recordsOfMovedKeys++;
      let count = openCount[p];
      if (count > 0 && openBytes[p] + size > batchSize) {
        this.close(p, t);
        count = 0;
      }
      if (count === 0) {
        if (this.inOpenList[p] === 0) {
          this.inOpenList[p] = 1;
          this.openList.push(p);
        }
        this.openFirst[p] = t;
        this.bufferUsed += size > batchSize ? size : batchSize;
      }
      openCount[p] = count + 1;
      openBytes[p] += size;
      openLast[p] = t;
    }
  }

  private reject(n: number, why: string): void {
    this.rejected += n;
    this.rejectedBy[why] = (this.rejectedBy[why] ?? 0) + n;
  }

  /**
   * Closes partition p's open batch: into the ready queue when it is full (or expires in the
   * accumulator), or straight into a request when the sender drains it.
   */
  private close(p: number, now: Micros, queue = true): ProducerBatch {
    const bytes = this.openBytes[p];
    const readyAt = this.compressor ? this.compressor.transmit(bytes, now) : now;
    const batch: ProducerBatch = {
      producer: this, partition: p, count: this.openCount[p], bytes, wireBytes: bytes / this.ratio + BATCH_OVERHEAD_BYTES,
      firstTime: this.openFirst[p], lastTime: this.openLast[p], readyAt, retryAt: 0, attempts: 0,
      bufferBytes: Math.max(this.cfg.batchSize, bytes), accepted: false, done: false, rejected: false,
      chunk: undefined, request: undefined, awaiting: undefined,
    };
    this.openCount[p] = 0;
    this.openBytes[p] = 0;
    if (queue) {
      this.readyQueues[p].push(batch);
      this.readyTotal++;
    }
    return batch;
  }

  /**
   * The Java Sender's loop (Sender.sendProducerData over RecordAccumulator.ready and drain): a
   * broker is ready when the first batch of any partition it leads is sendable (full, linger.ms
   * passed, a retry's backoff over, or the buffer exhausted with send() blocked); each ready broker
   * with a free in-flight slot gets one request carrying the first batch of every partition it leads
   * (lingering or not), up to max.request.size, starting where the previous drain stopped so no
   * partition starves (drainBatchesForOneNode).
   */
  trySend(now: Micros): void {
    if (this.readyTotal === 0 && this.openList.length === 0) return;
    for (const broker of this.cluster.brokers) {
      const b = broker.id;
      if (!this.canSendTo(b, now)) continue; // a dead broker refuses connections until the metadata names another leader
      const parts = this.cluster.partitionsLedBy(b);
      if (parts.length === 0 || !this.brokerReady(parts, now)) continue;
      const batches: ProducerBatch[] = [];
      let bytes = 0;
      let sendAt = now;
      const start = (this.drainIndex[b] ?? 0) % parts.length;
      let i = start;
      do {
        const p = parts[i].id;
        this.drainIndex[b] = i;
        i = (i + 1) % parts.length;
        const q = this.readyQueues[p];
        let batch: ProducerBatch | undefined;
        if (q.length > 0) {
          batch = q[0];
          if (batch.retryAt > now || batch.readyAt > now) continue;
          if (batch.accepted && this.cfg.idempotence) {
            // Committed while the producer was retrying: the broker answers the retry as a duplicate.
            q.shift();
            this.readyTotal--;
            this.finishBatch(batch);
            continue;
          }
          if (batches.length > 0 && bytes + batch.wireBytes > this.cfg.maxRequestSize) break;
          q.shift();
          this.readyTotal--;
        } else if (this.openCount[p] > 0) {
          if (batches.length > 0 && bytes + this.openBytes[p] / this.ratio + BATCH_OVERHEAD_BYTES > this.cfg.maxRequestSize) break;
          batch = this.close(p, now, false);
        } else continue;
        batches.push(batch);
        bytes += batch.wireBytes;
        if (batch.readyAt > sendAt) sendAt = batch.readyAt;
      } while (i !== start);
      if (batches.length > 0) this.send(broker, batches, bytes, sendAt);
    }
  }

  /** RecordAccumulator.ready for one broker: is the first batch of any partition it leads sendable? */
  private brokerReady(parts: readonly { id: number }[], now: Micros): boolean {
    const exhausted = this.blocked;
    for (const { id: p } of parts) {
      const q = this.readyQueues[p];
      if (q.length > 0) {
        if (q[0].retryAt <= now && q[0].readyAt <= now) return true;
      } else if (this.openCount[p] > 0 && (exhausted || this.openFirst[p] + this.lingerMicros <= now)) return true;
    }
    return false;
  }

  private send(broker: Broker, batches: ProducerBatch[], bytes: number, now: Micros): void {
    const request: ProduceRequest = { producer: this, broker, batches, bytes, sentAt: now, outstanding: batches.length, failedBatches: [], finished: false, throttleMicros: 0 };
    this.requests++;
    for (const batch of batches) batch.request = request;
    // Over the network into the leader, then appended to its log through the disk (page cache writes
    // are bounded by what the disk drains).
    const left = this.nic.transmit(bytes, now);
    const received = broker.netIn.transmit(bytes, left + this.cluster.oneWay(this.zone, broker.zone));
    const arrived = broker.writeToLog(bytes, received);
    if (broker.zone !== this.zone) this.cluster.crossZone.producer += bytes;
    if (this.cfg.acks === 0) {
      // acks=0: the producer counts the records as sent and never hears back (`acks` doc).
      for (const batch of batches) this.cluster.acceptBatch(batch);
      request.outstanding = 0;
      request.finished = true;
      for (const batch of batches) this.finishBatch(batch);
      this.cluster.sim.at(arrived, () => this.cluster.handleProduce(request));
      return;
    }
    this.inFlight[broker.id] = (this.inFlight[broker.id] ?? 0) + 1;
    this.noteInFlight(broker.id, now);
    this.inFlightRequests.add(request);
    this.cluster.sim.at(arrived, () => this.cluster.handleProduce(request));
  }

  /** The broker's outcome for one batch of a request (success, or a retriable error). */
  batchResult(request: ProduceRequest, batch: ProducerBatch, ok: boolean, now: Micros): void {
    if (request.finished) {
      if (ok && !batch.done && batch.request === request) this.finishBatch(batch);
      return;
    }
    if (!ok) request.failedBatches.push(batch);
    if (--request.outstanding === 0) {
      // The response travels back to the producer.
      const back = this.cluster.oneWay(request.broker.zone, this.zone);
      this.cluster.sim.schedule(back, () => this.finishRequest(request, this.cluster.sim.now));
      void now;
    }
  }

  setThrottle(request: ProduceRequest, throttle: Micros): void {
    request.throttleMicros = Math.max(request.throttleMicros, throttle);
  }

  private finishRequest(request: ProduceRequest, now: Micros): void {
    if (request.finished) return;
    request.finished = true;
    this.inFlightRequests.delete(request);
    const b = request.broker.id;
    this.inFlight[b]--;
    this.noteInFlight(b, now);
    this.requestLatency.record(now - request.sentAt);
    if (request.throttleMicros > 0) {
      // KIP-219: the client also holds back further requests to this broker for the throttle time.
      this.throttledUntil[b] = now + request.throttleMicros;
      this.throttleMicrosTotal += request.throttleMicros;
      this.throttledRequests++;
      this.cluster.counters.produceThrottled++;
      this.scheduleWake(now + request.throttleMicros);
    }
    const failed = new Set(request.failedBatches);
    for (const batch of request.batches) {
      if (batch.done) continue;
      if (failed.has(batch) && !batch.accepted) this.retry(batch, now);
      else if (batch.accepted || !failed.has(batch)) this.finishBatch(batch);
    }
    this.pullRecords(now);
    this.trySend(now);
    this.planNextWake(now);
  }

  /** Connection lost (the broker died) or request.timeout.ms passed: every batch of the request is retried. */
  failRequest(request: ProduceRequest, now: Micros): void {
    if (request.finished) return;
    request.failedBatches = request.batches.slice();
    request.outstanding = 0;
    this.finishRequest(request, now);
  }

  failRequestsTo(broker: Broker, now: Micros): void {
    for (const request of [...this.inFlightRequests]) if (request.broker === broker) this.failRequest(request, now);
  }

  private retry(batch: ProducerBatch, now: Micros): void {
    batch.request = undefined;
    if (now >= batch.firstTime + this.cfg.deliveryTimeoutMs * MILLISECOND) {
      this.giveUp(batch);
      return;
    }
    batch.attempts++;
    const base = Math.min(this.cfg.retryBackoffMaxMs, this.cfg.retryBackoffMs * 2 ** (batch.attempts - 1));
    const jitter = 1 + RETRY_BACKOFF_JITTER * (2 * this.rng.next() - 1);
    batch.retryAt = now + Math.round(base * jitter * MILLISECOND);
    // Retries go to the front of the partition's queue (RecordAccumulator.reenqueue).
    this.readyQueues[batch.partition].unshift(batch);
    this.readyTotal++;
  }

  private giveUp(batch: ProducerBatch): void {
    batch.done = true;
    batch.rejected = true;
    this.reject(batch.count, 'deliveryTimeout');
    this.releaseBuffer(batch);
  }

  private finishBatch(batch: ProducerBatch): void {
    if (batch.done) return;
    batch.done = true;
    this.releaseBuffer(batch);
  }

  private noteInFlight(b: number, now: Micros): void {
    (this.inFlightLevel[b] ??= new TimeAverage()).set(this.inFlight[b], now);
  }

  /**
   * How busy the client's own limits were since the previous call: its machine's network link, the busiest broker connection's
   * mean requests in flight over max.in.flight.requests.per.connection, and the mean buffer bytes
   * held (batch.size per batch, as BufferPool reserves it) over buffer.memory.
   */
  takeUtilisation(now: Micros, since: Micros): { network: number; inFlight: number; buffer: number } {
    let inFlight = 0;
    for (const level of this.inFlightLevel) if (level) inFlight = Math.max(inFlight, level.takeMean(now) / this.cfg.maxInFlight);
    return { network: this.nic.utilizationSince(since, now), inFlight, buffer: this.bufferLevel.takeMean(now) / this.cfg.bufferMemory };
  }

  private releaseBuffer(batch: ProducerBatch): void {
    this.bufferUsed -= batch.bufferBytes;
    this.bufferLevel.set(this.bufferUsed, this.cluster.sim.now);
    if (this.blocked) this.scheduleWake(this.cluster.sim.now);
  }

  /** Called by the cluster when the system acknowledges a batch. */
  onAccepted(batch: ProducerBatch): void {
    this.accepted += batch.count;
    this.acceptedBytes += batch.bytes;
  }

  private housekeeping(now: Micros): void {
    const requestTimeout = this.cfg.requestTimeoutMs * MILLISECOND;
    for (const request of [...this.inFlightRequests]) if (now - request.sentAt >= requestTimeout) this.failRequest(request, now);
    const deadline = now - this.cfg.deliveryTimeoutMs * MILLISECOND;
    for (const q of this.readyQueues) {
      for (let i = 0; i < q.length; ) {
        const batch = q[i];
        if (batch.firstTime <= deadline && !batch.accepted) {
          q.splice(i, 1);
          this.readyTotal--;
          this.giveUp(batch);
        } else i++;
      }
    }
    for (const p of this.openList) {
      // A batch that could never be sent (no leader) also expires in the accumulator.
      if (this.openCount[p] > 0 && this.openFirst[p] <= deadline) {
        this.close(p, now);
      }
    }
    this.trySend(now);
    this.planNextWake(now);
  }

  /** The topic grew: keys are hashed over the new count (records of a moved key now go elsewhere). */
  onPartitionsAdded(count: number): void {
    this.resize(count);
    this.moved ??= new Uint8Array(this.partitionOf.length);
    for (let k = 0; k < this.partitionOf.length; k++) {
      const old = this.partitionOf[k];
      if (old < 0) continue;
      const now = partitionForKey(this.source.keyName(k), count);
      if (now !== old) {
        if (this.moved[k] === 0) this.keysMoved++;
        this.moved[k] = 1;
        this.partitionOf[k] = now;
      }
    }
    this.numPartitions = count;
  }

  /** Records still at the producer: open batches, queued and in-flight batches not yet acknowledged, and records not yet taken from the application. */
  pendingRecords(now: Micros): number {
    let pending = this.source.pull(now); // created but not yet handed to send() (blocked)
    for (const p of this.openList) pending += this.openCount[p];
    for (const q of this.readyQueues) for (const batch of q) if (!batch.accepted && !batch.done) pending += batch.count;
    for (const request of this.inFlightRequests) for (const batch of request.batches) if (!batch.accepted && !batch.done) pending += batch.count;
    return pending;
  }
}
