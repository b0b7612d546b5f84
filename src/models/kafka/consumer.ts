import type { ScheduledEvent } from '../../engine/simulator.ts';
import { MILLISECOND, type Micros } from '../../engine/time.ts';
import type { Broker } from './broker.ts';
import type { KafkaCluster } from './cluster.ts';
import type { ConsumerApp } from './consumer-group.ts';
import { ClientQuota } from './quota.ts';
import type { LogSlice } from './partition-log.ts';

/** Records fetched for one partition, waiting in the consumer to be returned by poll(). */
export type FetchedSlice = LogSlice;

/** The empty response or poll (never written to). */
const NO_SLICES: readonly FetchedSlice[] = [];

/**
 * The fetch session of one consumer instance with one broker: at most one fetch outstanding, which
 * may be parked there (long poll). The object is reused round after round (its callbacks are bound
 * once, its response array is reused), so a fetch costs no allocation besides the slices it returns;
 * when the connection is lost it is replaced, and its pending events find themselves stale.
 */
export class ConsumerFetch {
  /** A fetch of this session is outstanding (from send to delivery). */
  inFlight = false;
  parked = false;
  /** When the parked fetch times out (`fetch.max.wait.ms` after it parked). */
  deadline: Micros = 0;
  /**
   * The pending timeout event, if any. Timeouts are lazy: a fetch that parks again while an earlier
   * timeout event is still pending keeps that event, which re-arms itself for the current deadline
   * when it fires, so there is about one timer event per `fetch.max.wait.ms`, not one per park.
   */
  private timer: ScheduledEvent | undefined;
  /** The member's incarnation when the response was built (a restart makes the response stale). */
  incarnation = 0;
  /** The response on its way: slices read for the member (a new array per response: cheaper than truncating). */
  out: readonly FetchedSlice[] = NO_SLICES;
  readonly onDeliver = (): void => this.member.deliver(this);
  readonly onArrive = (): void => this.member.arrive(this, this.member.cluster.sim.now);
  private readonly onTimer = (): void => this.timerFired();

  constructor(
    readonly member: ConsumerMember,
    readonly broker: Broker,
  ) {}

  /** This session is the member's current one with its broker. */
  get current(): boolean {
    return this.member.fetchSession(this.broker.id) === this;
  }

  park(now: Micros): void {
    this.parked = true;
    this.broker.parkedConsumerFetches.add(this);
    this.deadline = now + this.member.app.cfg.fetchMaxWaitMs * MILLISECOND;
    if (this.timer === undefined) this.timer = this.member.cluster.sim.at(this.deadline, this.onTimer);
  }

  private timerFired(): void {
    this.timer = undefined;
    if (!this.parked || !this.current) return;
    const sim = this.member.cluster.sim;
    if (sim.now < this.deadline) {
      this.timer = sim.at(this.deadline, this.onTimer);
      return;
    }
    this.unpark();
    this.member.respond(this, sim.now);
  }

  /** Partition p's readable data grew at this broker: answer the parked fetch if it asks for p and now has enough. */
  wakeFor(p: number, now: Micros): void {
    if (!this.parked) return;
    const m = this.member;
    if (!m.owned.has(p) || m.hasBuffered(p) || m.app.sourceBroker(m, p) !== this.broker.id) return;
    if (m.app.cfg.fetchMinBytes > 1 && !m.hasReadable(this.broker, m.app.cfg.fetchMinBytes)) return;
    this.unpark();
    m.respond(this, now);
  }

  unpark(): void {
    this.parked = false;
    this.broker.parkedConsumerFetches.delete(this);
  }
}

/**
 * One consumer instance of an application: the fetcher (one outstanding fetch per broker for the
 * partitions with nothing buffered, long-polling with `fetch.min.bytes` / `fetch.max.wait.ms`, at
 * most `max.partition.fetch.bytes` per partition and `fetch.max.bytes` per response) and the poll
 * loop (`max.poll.records` per poll, the application's processing time per record, offset commits)
 * (Kafka consumer configs).
 */
export class ConsumerMember {
  alive = false;
  /** Eager rebalance in progress: no fetching or processing. */
  paused = false;
  /** Must join the rebalance once the current poll is processed. */
  pendingJoin = false;
  owned = new Set<number>();
  /** The owned partitions in ascending order (rebuilt when ownership changes). */
  private ownedSorted: number[] = [];
  private ownedSortedStale = false;
  position: number[] = [];
  consumed: number[] = [];
  /** Slices buffered per partition (a partition with buffered data is not fetched). */
  bufferedCount: number[] = [];
  /**
   * Slices per partition in a response still on its way. The position moves when a response is built,
   * so a partition is not fetched again (from another replica, after the preferred one changed) until
   * its response arrives: Kafka re-reads from the old position instead and drops the later response as
   * stale ("Discarding stale fetch response", FetchCollector), which delivers the same records in order.
   */
  private inFlightCount: Int32Array;
  private buffer: FetchedSlice[] = [];
  private bufferHead = 0;
  /** The fetch session with each broker (by broker id). */
  private readonly sessions: (ConsumerFetch | undefined)[] = [];
  /** Scratch: brokers maybeFetch wants data from. */
  private wanted: Uint8Array;
  private busy = false;
  /** Processing time handed to the application since the start (its utilisation is this over time). */
  processingMicros = 0;
  /** The records of the poll being processed. */
  inProgress: readonly FetchedSlice[] = NO_SLICES;
  private processEvent: ScheduledEvent | undefined;
  private readonly onPollDone = (): void => this.pollDone();
  private nextAutoCommit: Micros = 0;
  heartbeatEvent: ScheduledEvent | undefined;
  incarnation = 0;
  private readonly quotas = new Map<number, ClientQuota>();
  private readonly throttledUntil = new Map<number, Micros>();

  constructor(
    readonly app: ConsumerApp,
    readonly index: number,
    readonly zone: number,
  ) {
    this.wanted = new Uint8Array(app.cluster.brokers.length);
    this.inFlightCount = new Int32Array(app.cluster.partitions.length);
  }

  fetchSession(brokerId: number): ConsumerFetch | undefined {
    return this.sessions[brokerId];
  }

  /** Owned partitions, ascending. */
  private sortedOwned(): number[] {
    if (this.ownedSortedStale) {
      this.ownedSorted = [...this.owned].sort((a, b) => a - b);
      this.ownedSortedStale = false;
    }
    return this.ownedSorted;
  }

  get cluster(): KafkaCluster {
    return this.app.cluster;
  }

  start(now: Micros): void {
    this.alive = true;
    this.paused = false;
    this.pendingJoin = false;
    this.incarnation++;
    this.nextAutoCommit = now + this.app.cfg.autoCommitIntervalMs * MILLISECOND;
  }

  /** Stops at once: buffered and in-flight data is dropped, the current poll's work is lost. */
  crash(): void {
    this.alive = false;
    this.busy = false;
    this.inProgress = NO_SLICES;
    this.cluster.sim.cancel(this.processEvent);
    this.cluster.sim.cancel(this.heartbeatEvent);
    this.dropAll();
  }

  dropAll(): void {
    this.buffer = [];
    this.bufferHead = 0;
    this.bufferedCount.fill(0);
    for (let b = 0; b < this.sessions.length; b++) {
      const fetch = this.sessions[b];
      if (fetch?.parked) fetch.unpark();
      this.sessions[b] = undefined;
    }
  }

  /** The connection to a broker dropped: its fetch is gone; the next maybeFetch goes wherever the metadata says. */
  onBrokerDown(broker: Broker): void {
    const fetch = this.sessions[broker.id];
    if (!fetch) return;
    if (fetch.parked) fetch.unpark();
    this.sessions[broker.id] = undefined;
  }

  /** Gives up partition p (revocation or crash detection). */
  release(p: number): void {
    if (this.owned.delete(p)) this.ownedSortedStale = true;
    this.dropPartition(p, Number.POSITIVE_INFINITY);
  }

  /** Drops buffered records of p below `before` (all of them with Infinity). */
  dropPartition(p: number, before: number): void {
    if (!(this.bufferedCount[p] > 0)) return;
    const kept: FetchedSlice[] = [];
    let count = 0;
    for (let i = this.bufferHead; i < this.buffer.length; i++) {
      const s = this.buffer[i];
      if (s.partition !== p) kept.push(s);
      else if (s.from >= before) {
        kept.push(s);
        count++;
      } else if (s.to > before) {
        kept.push(trim(s, before));
        count++;
      }
    }
    this.buffer = kept;
    this.bufferHead = 0;
    this.bufferedCount[p] = count;
  }

  acquire(p: number, position: number): void {
    if (!this.owned.has(p)) {
      this.owned.add(p);
      this.ownedSortedStale = true;
    }
    this.position[p] = position;
    this.consumed[p] = position;
  }

  /** Commits the offsets of everything processed (as auto-commit, or commitSync before a revocation). */
  commitAll(): void {
    for (const p of this.owned) this.app.commit(p, this.consumed[p]);
  }

  /** At least `minBytes` are readable for this member's fetch at `broker` (stops counting once there are). */
  hasReadable(broker: Broker, minBytes: number): boolean {
    let total = 0;
    for (const p of this.sortedOwned()) {
      if (this.app.sourceBroker(this, p) !== broker.id || this.hasBuffered(p)) continue;
      const partition = this.cluster.partitions[p];
      const limit = this.app.readLimit(partition, broker.id);
      const from = Math.max(this.position[p], partition.log.logStartOffset);
      if (limit > from) {
        total += partition.log.bytesAt(limit) - partition.log.bytesAt(from);
        if (total >= minBytes) return true;
      }
    }
    return total >= minBytes;
  }

  /** Partitions were added to the topic. */
  private growInFlight(n: number): void {
    const grown = new Int32Array(Math.max(n, this.inFlightCount.length * 2));
    grown.set(this.inFlightCount);
    this.inFlightCount = grown;
  }

  /** Records of p are buffered or on their way: p is not fetched now. */
  hasBuffered(p: number): boolean {
    return this.bufferedCount[p] > 0 || this.inFlightCount[p] > 0;
  }

  /** Sends a fetch to every broker it needs data from and has no fetch outstanding with (in broker order). */
  maybeFetch(now: Micros): void {
    if (!this.alive || this.paused) return;
    let wanted = this.wanted;
    // Brokers that joined the cluster after this instance started (a scale-out).
    if (wanted.length < this.cluster.brokers.length) this.wanted = wanted = new Uint8Array(this.cluster.brokers.length);
    let any = false;
    for (const p of this.sortedOwned()) {
      if (this.hasBuffered(p)) continue;
      const source = this.app.sourceBroker(this, p);
      if (source >= 0 && wanted[source] === 0 && !this.sessions[source]?.inFlight) {
        wanted[source] = 1;
        any = true;
      }
    }
    if (!any) return;
    for (let b = 0; b < wanted.length; b++) {
      if (wanted[b] === 0) continue;
      wanted[b] = 0;
      const broker = this.cluster.brokers[b];
      if (!broker.alive) continue;
      let fetch = this.sessions[b];
      if (!fetch) this.sessions[b] = fetch = new ConsumerFetch(this, broker);
      fetch.inFlight = true;
      const until = this.throttledUntil.get(b) ?? 0;
      if (until > now) this.cluster.sim.at(until, fetch.onArrive);
      else this.arrive(fetch, now);
    }
  }

  /** The fetch arrives at the broker: answered now if enough is readable, else parked. */
  arrive(fetch: ConsumerFetch, now: Micros): void {
    if (this.sessions[fetch.broker.id] !== fetch || !fetch.inFlight) return;
    if (!fetch.broker.alive) {
      this.sessions[fetch.broker.id] = undefined;
      return;
    }
    // Positions deleted by retention: OFFSET_OUT_OF_RANGE, then auto.offset.reset (its doc).
    for (const p of this.sortedOwned()) {
      const partition = this.cluster.partitions[p];
      if (this.position[p] < partition.log.logStartOffset) this.app.resetPosition(this, p, now);
    }
    if (this.hasReadable(fetch.broker, this.app.cfg.fetchMinBytes)) {
      this.respond(fetch, now);
      return;
    }
    fetch.park(now);
  }

  /** The broker builds the response: reads, then sends it over its disk (if not cached) and NIC. */
  respond(fetch: ConsumerFetch, now: Micros): void {
    const broker = fetch.broker;
    const cfg = this.app.cfg;
    const out: FetchedSlice[] = [];
    fetch.out = out;
    let total = 0;
    let uncached = 0;
    for (const p of this.sortedOwned()) {
      if (total >= cfg.fetchMaxBytes) break;
      if (this.app.sourceBroker(this, p) !== broker.id || this.hasBuffered(p)) continue;
      const partition = this.cluster.partitions[p];
      const limit = this.app.readLimit(partition, broker.id);
      const from = Math.max(this.position[p], partition.log.logStartOffset);
      if (limit <= from) continue;
      const first = out.length;
      const bytes = partition.log.read(from, limit, Math.min(cfg.maxPartitionFetchBytes, cfg.fetchMaxBytes - total), false, out, p);
      for (let i = first; i < out.length; i++) if (!broker.isCached(out[i].appendTime)) uncached += out[i].bytes;
      if (out.length > first) {
        this.position[p] = out[out.length - 1].to;
        if (p >= this.inFlightCount.length) this.growInFlight(p + 1);
        this.inFlightCount[p] += out.length - first;
      }
      total += bytes;
    }
    let ready = now;
    if (uncached > 0) {
      ready = broker.disk.transmit(uncached, now);
      broker.diskReadBytes += uncached;
    }
    // The request travelled to the broker and the response travels back: one round trip, plus the transfer.
    const rtt = 2 * this.cluster.oneWay(broker.zone, this.zone);
    const arrival = (total > 0 ? broker.netOut.transmit(total, ready) : ready) + rtt;
    broker.bytesOut += total;
    if (broker.zone !== this.zone) this.cluster.crossZone.consumer += total;
    const quotaRate = this.cluster.config.quotas.consumerByteRate;
    if (quotaRate !== undefined && total > 0) {
      let quota = this.quotas.get(broker.id);
      if (!quota) this.quotas.set(broker.id, (quota = new ClientQuota(quotaRate)));
      const throttle = quota.record(total, now);
      if (throttle > 0) {
        this.throttledUntil.set(broker.id, arrival + throttle);
        this.app.fetchThrottleMicros += throttle;
        this.cluster.counters.fetchThrottled++;
      }
    }
    fetch.incarnation = this.incarnation;
    this.cluster.sim.at(arrival, fetch.onDeliver);
  }

  /** The fetch response reaches the consumer: its slices are buffered for poll(). */
  deliver(fetch: ConsumerFetch): void {
    const out = fetch.out;
    const b = fetch.broker.id;
    for (const s of out) this.inFlightCount[s.partition]--;
    if (this.sessions[b] !== fetch || !fetch.inFlight || !this.alive || this.incarnation !== fetch.incarnation) {
      // The response never reached the application (connection lost): the position goes back.
      for (const s of out) if (this.owned.has(s.partition) && this.position[s.partition] > s.from) this.position[s.partition] = s.from;
      if (this.sessions[b] === fetch) this.sessions[b] = undefined;
      fetch.out = NO_SLICES;
      return;
    }
    fetch.inFlight = false;
    for (const s of out) {
      if (!this.owned.has(s.partition)) continue;
      const start = this.cluster.partitions[s.partition].log.logStartOffset;
      if (s.to <= start) continue; // deleted by retention meanwhile (counted as expired)
      this.buffer.push(s.from < start ? trim(s, start) : s);
      this.bufferedCount[s.partition] = (this.bufferedCount[s.partition] ?? 0) + 1;
    }
    fetch.out = NO_SLICES;
    const t = this.cluster.sim.now;
    this.process(t);
    this.maybeFetch(t);
  }

  /** poll(): hands up to max.poll.records records to the application and processes them. */
  process(now: Micros): void {
    if (!this.alive || this.paused || this.busy) return;
    const perRecord = this.app.spec.processingTime;
    for (;;) {
      if (this.bufferHead >= this.buffer.length) {
        if (this.pendingJoin) this.app.join(this, now);
        return;
      }
      const polled: FetchedSlice[] = [];
      this.inProgress = polled;
      let records = 0;
      const max = this.app.cfg.maxPollRecords;
      while (records < max && this.bufferHead < this.buffer.length) {
        const s = this.buffer[this.bufferHead];
        const n = s.to - s.from;
        if (records + n <= max) {
          polled.push(s);
          records += n;
          this.bufferHead++;
          this.bufferedCount[s.partition]--;
        } else {
          const cut = s.from + (max - records);
          polled.push(trimEnd(s, cut));
          this.buffer[this.bufferHead] = trim(s, cut);
          records = max;
        }
      }
      if (this.bufferHead > 256 && this.bufferHead * 2 > this.buffer.length) {
        this.buffer = this.buffer.slice(this.bufferHead);
        this.bufferHead = 0;
      }
      // The application's processing, plus decompressing the batches on this one thread.
      let duration = records * perRecord;
      if (this.app.decompressMicrosPerByte > 0) for (const s of polled) duration += s.bytes * this.app.codecRatio * this.app.decompressMicrosPerByte;
      if (duration <= 0) {
        this.completePoll(polled, now);
        this.inProgress = NO_SLICES;
        if (this.pendingJoin) {
          this.app.join(this, now);
          return;
        }
        this.maybeFetch(now);
        continue;
      }
      this.busy = true;
      this.processingMicros += duration;
      this.processEvent = this.cluster.sim.schedule(duration, this.onPollDone);
      return;
    }
  }

  /** The application finished processing the poll's records. */
  private pollDone(): void {
    this.busy = false;
    const t = this.cluster.sim.now;
    const polled = this.inProgress;
    this.inProgress = NO_SLICES;
    this.completePoll(polled, t);
    if (this.pendingJoin) {
      this.app.join(this, t);
      return;
    }
    this.process(t);
    this.maybeFetch(t);
  }

  private completePoll(polled: readonly FetchedSlice[], now: Micros): void {
    for (const s of polled) {
      if (!this.owned.has(s.partition)) continue;
      this.app.onProcessed(s, now);
      this.consumed[s.partition] = Math.max(this.consumed[s.partition], s.to);
    }
    if (!this.app.cfg.enableAutoCommit) this.commitAll();
    else if (now >= this.nextAutoCommit) {
      this.commitAll();
      this.nextAutoCommit = now + this.app.cfg.autoCommitIntervalMs * MILLISECOND;
    }
  }

  get isBusy(): boolean {
    return this.busy;
  }

  /** Fetched records not yet processed. */
  bufferedRecords(): number {
    let n = 0;
    for (let i = this.bufferHead; i < this.buffer.length; i++) n += this.buffer[i].to - this.buffer[i].from;
    return n;
  }
}

/** The part of a slice from offset `from` on (bytes and times in proportion). */
function trim(s: FetchedSlice, from: number): FetchedSlice {
  const n = s.to - s.from;
  const k = from - s.from;
  const frac = n > 0 ? k / n : 0;
  const span = s.lastTime - s.firstTime;
  return { ...s, from, bytes: s.bytes * (1 - frac), firstTime: n > 1 ? s.firstTime + (span * k) / (n - 1) : s.firstTime };
}

/** The part of a slice before offset `to`. */
function trimEnd(s: FetchedSlice, to: number): FetchedSlice {
  const n = s.to - s.from;
  const k = to - s.from;
  const span = s.lastTime - s.firstTime;
  return { ...s, to, bytes: (s.bytes * k) / n, lastTime: n > 1 ? s.firstTime + (span * (k - 1)) / (n - 1) : s.lastTime };
}
