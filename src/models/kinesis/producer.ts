import type { Rng } from '../../engine/random.ts';
import type { Simulator } from '../../engine/simulator.ts';
import { TokenBucket } from '../../engine/token-bucket.ts';
import { MICROSECOND, MILLISECOND, type Micros } from '../../engine/time.ts';
import type { RecordSource } from '../../workload/record-source.ts';
import type { KinesisConfig } from './config.ts';
import { KeyRouting, type KeyRoutes } from './routing.ts';
import type { RecordFeed } from './record-feed.ts';
import { SendGrouper, type GroupingRules } from './send-grouper.ts';
import { RunWindow, type ShardRuns } from './shard-runs.ts';
import type { Shard } from './shard.ts';
import type { Stream } from './stream.ts';
import type { WriteStats } from './write-stats.ts';


/**
 * Records of one shard waiting in a producer: user records, the KDS records they make (a KPL
 * aggregate counts once), bytes as the shard counts them, billing units, and the creation-time spread.
 */
export interface Segment {
  shard: number;
  records: number;
  kds: number;
  kdsBytes: number;
  ppu: number;
  billed: number;
  firstCreated: number;
  lastCreated: number;
  /** PutRecords attempts made so far. */
  attempts: number;
  /** The earliest send time at which the client may (re)send it. */
  readyAt: Micros;
}

/** The first `kdsPart` of `kds` KDS records of a segment (records of a batch keep their time order). */
function headOf(s: Segment, kdsPart: number): Segment {
  if (kdsPart >= s.kds) return s;
  const f = kdsPart / s.kds;
  const records = Math.max(1, Math.min(s.records - 1, Math.round(s.records * f)));
  const span = s.records > 1 ? (s.lastCreated - s.firstCreated) * ((records - 1) / (s.records - 1)) : 0;
  return {
    ...s,
    records,
    kds: kdsPart,
    kdsBytes: s.kdsBytes * f,
    ppu: Math.round(s.ppu * f),
    billed: s.billed * f,
    lastCreated: s.firstCreated + span,
  };
}

/** What is left of `s` after `head` is taken from its front. */
function tailOf(s: Segment, head: Segment): Segment {
  const records = s.records - head.records;
  return {
    ...s,
    records,
    kds: s.kds - head.kds,
    kdsBytes: s.kdsBytes - head.kdsBytes,
    ppu: s.ppu - head.ppu,
    billed: s.billed - head.billed,
    firstCreated: s.records > 1 ? head.lastCreated + (s.lastCreated - s.firstCreated) / (s.records - 1) : s.firstCreated,
  };
}

/** A client-side rate limiter of one shard: records and bytes buckets. */
interface Pacing {
  records: TokenBucket;
  bytes: TokenBucket;
}

/** Numbers per shard in a window's bucket copies: four buckets of four (see TokenBucket.save). */
const COPY_FIELDS = 16;
/** A bucket copy that never runs dry (infinite balance and capacity): stands in for absent pacing. */
const NEVER_DRY = new Float64Array([Number.POSITIVE_INFINITY, 0, 0, Number.POSITIVE_INFINITY]);

/**
 * A producer client on one workload producer: pulls records at its own cadence, routes them by
 * partition key, sends PutRecords calls and handles per-entry throttling. One event per send: the
 * records created up to a send time `g` are pulled and the call is admitted by the shards half a
 * round trip later (the event time); the response reaches the client another half round trip later.
 */
export abstract class ProducerClient {
  protected readonly routing: KeyRouting;
  private routedVersion = -1;
  /** Segments waiting to be sent or re-sent, oldest first. */
  protected buffer: Segment[] = [];
  protected bufferedRecords = 0;
  protected readonly halfRtt: Micros;
  /** Time between two sends: the records created in between go together. */
  protected readonly interval: Micros;

  constructor(
    protected readonly sim: Simulator,
    protected readonly source: RecordSource,
    protected readonly stream: Stream,
    protected readonly config: KinesisConfig,
    protected readonly stats: WriteStats,
    sendInterval: Micros,
  ) {
    // A cadence of 0 (the KPL's RecordMaxBufferedTime allows it) sends each record at the instant it
    // is put: the clock's resolution, with idle instants skipped (nextSendFrom).
    this.interval = Math.max(MICROSECOND, sendInterval);
    this.routing = new KeyRouting(source.keyCount, (k) => source.keyName(k), config.producer.explicitHashKeys);
    this.halfRtt = config.limits.requestLatency / 2;
    this.maxCallRecords = 0;
  }

  /** How this client turns records into sends (fixed once the subclass is constructed). */
  get groupingRules(): GroupingRules {
    return {
      interval: this.interval,
      halfRtt: this.halfRtt,
      maxRecordBytes: this.config.maxRecordSize,
      packs: this.aggregates && !this.neverShareAggregates,
      aggregationMaxBytes: this.aggregationMaxBytes,
      onDemand: this.config.mode === 'on-demand',
      maxCallRecords: this.maxCallRecords,
    };
  }

  private grouperValue: SendGrouper | undefined;
  private get grouper(): SendGrouper {
    return (this.grouperValue ??= new SendGrouper(this.groupingRules, this.routing));
  }

  /** Every key's route under the current shards (resolving them all now), to hand to a feed. */
  allRoutes(): KeyRoutes {
    return this.routing.allRoutes(this.stream.router);
  }

  /** The room a send has for new records while nothing is buffered (what a feed groups with). */
  get emptyBufferRoom(): number {
    return this.bufferRoom();
  }

  /** Groups made by a feed worker, valid while the stream has the shards it had at `feedVersion`. */
  private feed: RecordFeed | undefined;
  private feedVersion = -1;
  /** No send whose records arrive after this is tried ahead (the run's end). */
  private feedUntil: Micros = 0;

  /** Takes a window's groups from `feed` while the stream keeps its current shards, for a run ending at `end`. */
  useFeed(feed: RecordFeed, end: Micros): void {
    this.feed = feed;
    this.feedVersion = this.stream.version;
    this.feedUntil = Math.floor((end - this.halfRtt) / this.interval) * this.interval;
  }

  /**
   * Sends tried ahead with a feed's groups (see sendWindow): the last one tried, the last one whose
   * groups and counts are all published, and per shard the groups still to append (`from` to `to`).
   */
  private triedUntil: Micros = -1;
  private publishedUntil: Micros = -1;
  private readonly unpublished = new RunWindow();
  /** A window tried ahead to this send failed: none is tried ahead again before it is passed. */
  private refusedReach: Micros = -1;

  /** KDS records per PutRecords call (KPL CollectionMaxCount; the API's 500 for an SDK application). */
  protected maxCallRecords: number;

  /** Next send time on the client's grid (Infinity when the producer has stopped for good). */
  nextSend: Micros = 0;
  /**
   * Eager clients schedule an event per send. Lazy ones (the model's choice when nothing reacts to an
   * append the instant it happens, i.e. no enhanced fan-out) are advanced by `advanceUntil` whenever
   * the stream is observed: same sends, same admissions at the same simulated times, no event each.
   */
  start(eager: boolean): void {
    this.nextSend = this.nextSendFrom(0);
    if (eager && this.nextSend !== Number.POSITIVE_INFINITY) this.scheduleSend();
  }

  /** The arrival time at the shards of the next send (Infinity when none). */
  get nextArrival(): Micros {
    return this.nextSend + this.halfRtt;
  }

  /**
   * The shortcuts that give the same outcome as the plain mechanism with less work: lazy clients try
   * the sends between two observations together, records that can never share an aggregate skip its
   * bookkeeping, and the KPL does not retry what its limiter has just refused. Tests turn them off to
   * compare.
   */
  static shortcuts = true;

  /** Lazy mode: performs the next send (its arrival is at or before the observer's now). */
  advanceOne(): void {
    const g = this.nextSend;
    this.send(g, g + this.halfRtt, 0, this.source.pull(g));
    this.nextSend = this.nextSendFrom(g + this.interval);
  }

  /**
   * Lazy mode, the only producer of the stream: performs every send whose records arrive at or before
   * `now`. The sends of the window are tried together (see `sendWindow`); the outcome is that of
   * calling `advanceOne` for each. With `shard`, only that shard's log needs to be up to date.
   */
  advanceUntil(now: Micros, shard?: number): void {
    if (this.nextArrival > now) {
      if (this.triedUntil > this.publishedUntil) this.publish(now, shard);
      return;
    }
    if (this.triedUntil > this.publishedUntil) this.publish(now, undefined); // every send tried so far has arrived
    // Below a millisecond there are about as many sends as records: no window worth grouping.
    if (!ProducerClient.shortcuts || this.buffer.length > 0 || this.stream.streamWriteBytes !== undefined || this.interval < MILLISECOND) {
      while (this.nextArrival <= now) this.advanceOne();
      return;
    }
    const last = Math.floor((now - this.halfRtt) / this.interval) * this.interval;
    const done = this.sendWindow(this.nextSend, last, now, shard);
    this.nextSend = this.nextSendFrom(done + this.interval);
    while (this.nextArrival <= now) this.advanceOne(); // after a throttled window, the retries
  }

  /** Records still held by the client (the run's `pending`), after pulling everything created until `now`. */
  pendingAt(now: Micros): number {
    return this.bufferedRecords + this.source.pull(now);
  }

  /** Whether the aggregator packs user records into KDS records (KPL) or sends each alone (SDK). */
  protected abstract readonly aggregates: boolean;
  protected abstract readonly aggregationMaxBytes: number;
  /**
   * Records are of one fixed size of at least half an aggregate, so no two can share one (an entry
   * is larger than its data): each goes as a plain KDS record, as the aggregator would send it, and
   * grouping skips the aggregate bookkeeping.
   */
  protected neverShareAggregates = false;
  /** Drops what the client gives up on before sending at `g` (KPL: RecordTtl). */
  protected abstract expire(g: Micros): void;
  /** How many new records a send can take in (SDK: what its bounded buffer has room for). */
  protected abstract bufferRoom(): number;
  /** Client-side pacing before a send (KPL: RateLimit); returns the KDS records it lets through now. */
  protected abstract paced(shard: number, kds: number, kdsBytes: number, now: Micros): number;
  /**
   * Whether `paced` would let none of these KDS records through at `now`, known without calling it
   * (it already let none through for the shard at `now`, for records no smaller).
   */
  protected pacedToNothing(_shard: number, _kds: number, _kdsBytes: number, _now: Micros): boolean {
    return false;
  }
  /** The buckets `paced` takes from for a shard (made at `now` on first use); undefined without pacing. */
  protected abstract pacingBuckets(shard: number, now: Micros): Pacing | undefined;
  /** Handles the throttled remainder of a sent segment whose response arrives at `ackAt`. */
  protected abstract onThrottled(rest: Segment, ackAt: Micros): void;

  /** The first send time at or after `g` with something to send (skipping idle stretches). */
  private nextSendFrom(g: Micros): Micros {
    if (this.buffer.length > 0) return g;
    const t = this.source.peekNextTime();
    if (t === Number.POSITIVE_INFINITY) return t;
    return t > g ? Math.ceil(t / this.interval) * this.interval : g;
  }

  private scheduleSend(): void {
    const g = this.nextSend;
    this.sim.at(g + this.halfRtt, () => {
      this.send(g, this.sim.now, 0, this.source.pull(g));
      this.nextSend = this.nextSendFrom(g + this.interval);
      if (this.nextSend !== Number.POSITIVE_INFINITY) this.scheduleSend();
    });
  }

  private followTopology(): void {
    if (this.routedVersion !== this.stream.version) {
      this.routing.invalidate();
      this.routedVersion = this.stream.version;
      this.rerouteBuffer();
    }
  }

  /**
   * Everything the client has ready at send time `g`, admitted at the shards at `now` (g + half a
   * round trip): the buffer, then the new records, which are the source's records `from` to `to`.
   */
  private send(g: Micros, now: Micros, from: number, to: number): void {
    this.followTopology();
    let sentKds = 0;
    if (this.buffer.length > 0) {
      this.expire(g);
      // Older records first: the buffer (retries, paced), then what was created since the last send.
      const waiting = this.buffer;
      this.buffer = [];
      this.bufferedRecords = 0;
      for (const seg of waiting) {
        if (seg.readyAt > g) this.keep(seg);
        else if (this.pacedToNothing(seg.shard, seg.kds, seg.kdsBytes, now)) {
          seg.readyAt = 0; // as submit would keep it, without the call: the buffer can hold thousands
          this.keep(seg);
        } else sentKds += this.submit(seg.shard, seg.records, seg.kds, seg.kdsBytes, seg.ppu, seg.billed, seg.firstCreated, seg.lastCreated, seg.attempts, now);
      }
    }
    const grouper = this.grouper;
    const runs = grouper.runs;
    const shardCount = this.stream.shards.length;
    runs.reset(shardCount, 1);
    grouper.group(this.source, from, to, g, this.bufferRoom(), this.stream.router, shardCount);
    this.countRejected();
    for (let t = 0; t < grouper.touchedCount; t++) {
      const s = grouper.touched[t];
      const i = runs.start(s);
      sentKds += this.submit(s, runs.records[i], runs.kds[i], runs.bytes[i], runs.ppu[i], runs.billed[i], runs.firstCreated[i], runs.lastCreated[i], 0, now);
    }
    if (sentKds > 0) this.stats.putCalls.add(Math.ceil(sentKds / this.maxCallRecords));
  }

  /**
   * The sends at `first`, `first` + interval, …, `last`, tried together: their records are pulled at
   * once and grouped by send and shard, and each group takes its tokens from the pacing and shard
   * buckets on trial, in send order. If every take succeeds (the common case, below the limits), the
   * groups are accepted as the sends would have accepted them. Otherwise the buckets are put back as
   * they were and the sends are made one by one over the same records (throttling, retries). The
   * order of takes across shards does not matter: each bucket belongs to one shard, and this client
   * is the stream's only writer. Returns the last send made.
   *
   * With a feed, the groups come ready-made from its worker, and the window is tried on to the end of
   * the groups at hand (`RecordFeed.reach`): only this client's buckets see the takes, so trying
   * sends early changes nothing as long as what they bring is published as it arrives, shard by shard
   * (`publish`). Later observations then only publish, until the sends tried ahead are all done.
   */
  private sendWindow(first: Micros, last: Micros, now: Micros, shard: number | undefined): Micros {
    this.followTopology();
    const feed = this.stream.version === this.feedVersion ? this.feed : undefined;
    if (feed !== undefined) {
      const reach = Math.min(feed.reach(last), this.feedUntil);
      if (reach > last && reach > this.refusedReach) {
        if (feed.groupsUntil(reach, this.window, this.grouper) && this.tryWindow()) return this.keepFed(feed, reach, now, shard);
        this.refusedReach = reach;
      }
      if (feed.groupsUntil(last, this.window, this.grouper)) {
        if (this.tryWindow()) return this.keepFed(feed, last, now, shard);
        return this.sendOneByOne(first, last, this.source.pull(last));
      }
    }
    const grouper = this.grouper;
    const window = this.window;
    grouper.putCalls = 0;
    const n = this.source.pull(last);
    const shardCount = this.stream.shards.length;
    grouper.runs.reset(shardCount, (last - first) / this.interval + 1);
    grouper.group(this.source, 0, n, first, this.bufferRoom(), this.stream.router, shardCount);
    window.cover(grouper.runs);
    if (!this.tryWindow()) {
      grouper.rejectedTooLarge = 0; // counted again by the sends
      grouper.rejectedBufferFull = 0;
      return this.sendOneByOne(first, last, n);
    }
    this.keepTrial();
    for (let s = 0; s < window.shardCount; s++) this.acceptGroups(s, window.runs, window.from[s], window.to[s]);
    if (grouper.putCalls > 0) this.stats.putCalls.add(grouper.putCalls);
    this.countRejected();
    return last;
  }

  /** The sends `first` to `last` made one at a time over the `n` records pulled for them. */
  private sendOneByOne(first: Micros, last: Micros, n: number): Micros {
    const times = this.source.times;
    const interval = this.interval;
    for (let g = first, i = 0; g <= last; g += interval) {
      let j = i;
      while (j < n && times[j] <= g) j++;
      if (j > i || this.buffer.length > 0) this.send(g, g + this.halfRtt, i, j);
      i = j;
    }
    return last;
  }

  /** Keeps a fed window tried up to `last`: its groups are published as they arrive, from `now` on. */
  private keepFed(feed: RecordFeed, last: Micros, now: Micros, shard: number | undefined): Micros {
    feed.consume(last);
    this.keepTrial();
    const window = this.window;
    const unpublished = this.unpublished;
    unpublished.use(window.runs);
    unpublished.from.set(window.from.subarray(0, window.shardCount));
    unpublished.to.set(window.to.subarray(0, window.shardCount));
    this.triedUntil = last;
    // The totals that count a block's sends go back to the worker with it once the next block is
    // read: a window ending the block is published and counted now (it has all arrived: the window
    // was not tried ahead).
    this.publish(now, feed.endsBlock(last) ? undefined : shard);
    return last;
  }

  /**
   * Appends to the logs the groups tried ahead that have arrived by `now` (of one shard, or of all),
   * and counts them; once every shard is published, the sends' own counts (PutRecords calls,
   * rejections, records offered) too.
   */
  private publish(now: Micros, shard: number | undefined): void {
    const unpublished = this.unpublished;
    const runs = unpublished.runs;
    const arrival = runs.arrival;
    const all = shard === undefined || shard >= unpublished.shardCount;
    for (let s = all ? 0 : shard, end = all ? unpublished.shardCount : shard + 1; s < end; s++) {
      const from = unpublished.from[s];
      const to = unpublished.to[s];
      let i = from;
      while (i < to && arrival[i] <= now) i++;
      if (i === from) continue;
      this.acceptGroups(s, runs, from, i);
      unpublished.from[s] = i;
    }
    if (!all) return;
    const settled = Math.min(this.triedUntil, Math.floor((now - this.halfRtt) / this.interval) * this.interval);
    if (settled <= this.publishedUntil) return;
    const grouper = this.grouper;
    grouper.putCalls = 0;
    this.feed!.countUntil(settled, this.source, grouper);
    if (grouper.putCalls > 0) this.stats.putCalls.add(grouper.putCalls);
    this.countRejected();
    this.publishedUntil = settled;
  }

  /** Accepts shard `s`'s groups `from` to `to` of `runs` (tried and kept): appended to its log and counted. */
  private acceptGroups(s: number, runs: ShardRuns, from: number, to: number): void {
    if (to === from) return;
    const shard = this.stream.shards[s];
    shard.log.appendRun(runs.records, runs.kds, runs.bytes, runs.firstCreated, runs.lastCreated, runs.arrival, from, to);
    // Whole numbers: the sums are exact in any order and grouping.
    let records = 0, kds = 0, bytes = 0, ppu = 0, billed = 0;
    for (let i = from; i < to; i++) {
      records += runs.records[i];
      kds += runs.kds[i];
      bytes += runs.bytes[i];
      ppu += runs.ppu[i];
      billed += runs.billed[i];
    }
    countIntoShard(shard, records, kds, bytes);
    const stats = this.stats;
    stats.sentKdsRecords.add(kds);
    stats.demandBytes.add(bytes);
    this.countAccepted(records, kds, bytes, ppu, billed);
  }

  /** The groups of the window being sent, per shard. */
  private readonly window = new RunWindow();

  /**
   * Per shard with a run in the window: copies of its buckets (shard records, shard bytes, pacing
   * records, pacing bytes; 4 numbers each, see TokenBucket.save). Takes are tried on the copies; the
   * buckets themselves change only when the window is accepted.
   */
  private copies = new Float64Array(0);

  /**
   * Tries the takes of a window's runs on copies of the pacing and shard buckets; false if any would
   * fail. Each bucket belongs to one shard and sees only that shard's takes, in send order, so the
   * takes are tried bucket by bucket over each shard's run; a failed take anywhere sends the whole
   * window one send at a time, so how the buckets would have gone on after it never matters.
   */
  private tryWindow(): boolean {
    const window = this.window;
    const runs = window.runs;
    if (this.copies.length < window.shardCount * COPY_FIELDS) this.copies = new Float64Array(window.shardCount * 2 * COPY_FIELDS);
    const c = this.copies;
    for (let s = 0; s < window.shardCount; s++) {
      const from = window.from[s];
      const to = window.to[s];
      if (to === from) continue;
      const shard = this.stream.shards[s];
      // The large-record tank borrows record by record, and append listeners react to each append: one send at a time.
      if (shard.writeBytes.maxDebt > 0 || shard.onAppend.length > 0) return false;
      const at = s * COPY_FIELDS;
      shard.writeRecords.save(c, at);
      shard.writeBytes.save(c, at + 4);
      const pacing = this.pacingBuckets(s, runs.arrival[from]);
      if (pacing) {
        pacing.records.save(c, at + 8);
        pacing.bytes.save(c, at + 12);
      } else {
        c.set(NEVER_DRY, at + 8);
        c.set(NEVER_DRY, at + 12);
      }
      if (
        !TokenBucket.tryTakeBothOn(c, at + 8, runs.kds, at + 12, runs.bytes, runs.arrival, from, to) ||
        !TokenBucket.tryTakeBothOn(c, at, runs.kds, at + 4, runs.bytes, runs.arrival, from, to)
      )
        return false;
    }
    return true;
  }

  /** Keeps the takes tried in the window: every bucket it copied gets its copy's balance. */
  private keepTrial(): void {
    const window = this.window;
    for (let s = 0; s < window.shardCount; s++) {
      if (window.to[s] === window.from[s]) continue;
      const shard = this.stream.shards[s];
      const at = s * COPY_FIELDS;
      shard.writeRecords.restore(this.copies, at);
      shard.writeBytes.restore(this.copies, at + 4);
      const pacing = this.pacingBuckets(s, 0);
      pacing?.records.restore(this.copies, at + 8);
      pacing?.bytes.restore(this.copies, at + 12);
    }
  }

  private keep(segment: Segment): void {
    this.buffer.push(segment);
    this.bufferedRecords += segment.records;
  }

  /**
   * Sends what pacing allows of a shard's records; the shard admits what its buckets allow; the rest
   * is kept (paced) or handed to the retry policy (throttled). Returns the KDS records sent. Objects
   * are made only for what is left over, so an unthrottled send allocates nothing. The common case
   * (everything paced through and admitted) is kept small, apart from the splitting cases, so that
   * it runs inline in the send loop: it happens for every shard on every flush.
   */
  private submit(
    s: number, records: number, kds: number, kdsBytes: number, ppu: number, billed: number,
    first: number, last: number, attempts: number, now: Micros,
  ): number {
    const allowed = this.paced(s, kds, kdsBytes, now);
    if (allowed < kds) return this.submitPacedPart(s, records, kds, kdsBytes, ppu, billed, first, last, attempts, now, allowed);
    return this.put(s, records, kds, kdsBytes, ppu, billed, first, last, attempts + 1, now);
  }

  /** Pacing let only `allowed` of the KDS records through: the rest waits in the buffer. */
  private submitPacedPart(
    s: number, records: number, kds: number, kdsBytes: number, ppu: number, billed: number,
    first: number, last: number, attempts: number, now: Micros, allowed: number,
  ): number {
    const whole: Segment = { shard: s, records, kds, kdsBytes, ppu, billed, firstCreated: first, lastCreated: last, attempts, readyAt: 0 };
    if (allowed <= 0) {
      this.keep(whole);
      return 0;
    }
    const head = headOf(whole, allowed);
    this.keep(tailOf(whole, head));
    return this.put(s, head.records, head.kds, head.kdsBytes, head.ppu, head.billed, first, head.lastCreated, attempts + 1, now);
  }

  /** One PutRecords attempt (`attempts` counts it) of a shard's records; returns the KDS records sent. */
  private put(
    s: number, records: number, kds: number, kdsBytes: number, ppu: number, billed: number,
    first: number, last: number, attempts: number, now: Micros,
  ): number {
    const shard = this.stream.shards[s];
    const stats = this.stats;
    stats.sentKdsRecords.add(kds);
    stats.demandBytes.add(kdsBytes);
    const admitted = shard.admit(kds, kdsBytes, now, this.stream.streamWriteBytes);
    if (admitted < kds) this.putThrottled(shard, s, records, kds, kdsBytes, ppu, billed, first, last, attempts, now, admitted);
    else if (admitted > 0) this.accept(shard, records, kds, kdsBytes, ppu, billed, first, last, now);
    return kds;
  }

  /** The shard admitted only `admitted` of the KDS records: the rest failed with ProvisionedThroughputExceeded. */
  private putThrottled(
    shard: Shard, s: number, records: number, kds: number, kdsBytes: number, ppu: number, billed: number,
    first: number, last: number, attempts: number, now: Micros, admitted: number,
  ): void {
    const sent: Segment = { shard: s, records, kds, kdsBytes, ppu, billed, firstCreated: first, lastCreated: last, attempts, readyAt: 0 };
    const ok = headOf(sent, admitted);
    const rest = admitted > 0 ? tailOf(sent, ok) : sent;
    shard.writeThrottledRecords += rest.kds;
    this.stats.throttledKdsRecords.add(rest.kds);
    this.onThrottled(rest, now + this.halfRtt);
    if (admitted > 0) this.accept(shard, ok.records, ok.kds, ok.kdsBytes, ok.ppu, ok.billed, first, ok.lastCreated, now);
  }

  /** Records the shard accepted: appended to its log and counted. */
  private accept(
    shard: Shard, records: number, kds: number, bytes: number, ppu: number, billed: number,
    first: number, last: number, now: Micros,
  ): void {
    appendToShard(shard, records, kds, bytes, first, last, now);
    this.countAccepted(records, kds, bytes, ppu, billed);
  }

  private countAccepted(records: number, kds: number, bytes: number, ppu: number, billed: number): void {
    const stats = this.stats;
    stats.acceptedRecords.add(records);
    stats.acceptedBytes.add(bytes);
    stats.acceptedKdsRecords.add(kds);
    stats.putPayloadUnits += ppu;
    stats.onDemandBilledBytes += billed;
  }

  /** Counts the rejections the grouper found since the last count. */
  private countRejected(): void {
    const grouper = this.grouper;
    this.stats.rejectedBy.tooLarge += grouper.rejectedTooLarge;
    this.stats.rejectedBy.bufferFull += grouper.rejectedBufferFull;
    grouper.rejectedTooLarge = 0;
    grouper.rejectedBufferFull = 0;
  }

  /** After a reshard, buffered records go to the open shards that now own their hash keys (spread by range). */
  private rerouteBuffer(): void {
    const moved: Segment[] = [];
    for (const segment of this.buffer) {
      const shard = this.stream.shards[segment.shard];
      if (shard.isOpen) {
        moved.push(segment);
        continue;
      }
      const targets = openDescendants(this.stream, segment.shard);
      let rest: Segment | undefined = segment;
      for (let i = 0; i < targets.length && rest; i++) {
        const share = Math.max(1, Math.round(segment.kds / targets.length));
        const part: Segment = i === targets.length - 1 ? rest : headOf(rest, share);
        moved.push({ ...part, shard: targets[i] });
        rest = part === rest ? undefined : tailOf(rest, part);
      }
    }
    this.buffer = moved;
  }
}

/** Appends accepted records to a shard's log and counts them in its interval counters. */
function appendToShard(shard: Shard, records: number, kds: number, bytes: number, first: number, last: number, now: Micros): void {
  shard.log.append(records, kds, bytes, first, last, now);
  countIntoShard(shard, records, kds, bytes);
  const listeners = shard.onAppend;
  for (let i = 0; i < listeners.length; i++) listeners[i]();
}

/** Counts accepted records in a shard's interval counters (whole numbers: exact in any grouping). */
function countIntoShard(shard: Shard, records: number, kds: number, bytes: number): void {
  shard.incomingBytes += bytes;
  shard.totalIncomingBytes += bytes;
  shard.incomingRecords += records;
  shard.incomingKdsRecords += kds;
}

function openDescendants(stream: Stream, index: number): number[] {
  const shard = stream.shards[index];
  if (shard.isOpen) return [index];
  return shard.children.flatMap((c) => openDescendants(stream, c));
}

/**
 * The Kinesis Producer Library: aggregation up to AggregationMaxSize, collection into PutRecords,
 * a flush every RecordMaxBufferedTime, a per-shard rate limiter at RateLimit % of the shard limit,
 * and retries with no backoff (a throttled record goes back with a deadline of RecordMaxBufferedTime/2)
 * until RecordTtl, when it fails "Expired" ([KPL-CFG], [DG-KPL-RETRY], [KPL-RETRIER]).
 */
export class KplProducer extends ProducerClient {
  protected readonly aggregates: boolean;
  protected readonly aggregationMaxBytes: number;
  private readonly limiters: (Pacing | undefined)[] = [];

  constructor(sim: Simulator, source: RecordSource, stream: Stream, config: KinesisConfig, stats: WriteStats) {
    super(sim, source, stream, config, stats, config.kpl.recordMaxBufferedTime);
    this.aggregates = config.kpl.aggregation;
    this.aggregationMaxBytes = config.kpl.aggregationMaxSize;
    this.neverShareAggregates =
      ProducerClient.shortcuts && source.fixedRecordBytes > 0 && 2 * source.fixedRecordBytes >= this.aggregationMaxBytes;
    this.maxCallRecords = config.kpl.collectionMaxCount;
  }

  protected expire(g: Micros): void {
    const cutoff = g - this.config.kpl.recordTtl;
    if (this.buffer.length === 0 || this.buffer[0].firstCreated >= cutoff) return;
    const kept: Segment[] = [];
    let records = 0;
    for (const s of this.buffer) {
      if (s.firstCreated >= cutoff) {
        kept.push(s);
        records += s.records;
        continue;
      }
      const span = s.lastCreated - s.firstCreated;
      const expiredKds = span > 0 ? Math.min(s.kds, Math.ceil((s.kds * (cutoff - s.firstCreated)) / span)) : s.kds;
      const dead = headOf(s, expiredKds);
      this.stats.rejectedBy.expired += dead.records;
      if (dead !== s) {
        const rest = tailOf(s, dead);
        kept.push(rest);
        records += rest.records;
      }
    }
    this.buffer = kept;
    this.bufferedRecords = records;
  }

  protected bufferRoom(): number {
    return Number.POSITIVE_INFINITY; // the KPL buffers without bound (no back-pressure, KPL issues #122/#252); RecordTtl bounds it
  }

  /** The KPL limiter: per shard, records and bytes token buckets at RateLimit % of the shard's limits ([KPL-LIM]). */
  protected pacingBuckets(shardIndex: number, now: Micros): Pacing {
    let limiter = this.limiters[shardIndex];
    if (!limiter) {
      const f = this.config.kpl.rateLimit / 100;
      const a = this.stream.allowance;
      limiter = {
        records: new TokenBucket(a.writeRecordsPerSec * f, a.writeRecordsPerSec * f, 0, now),
        bytes: new TokenBucket(a.writeBytesPerSec * f, Math.max(a.writeBytesPerSec * f, a.maxRecordBytes), 0, now),
      };
      this.limiters[shardIndex] = limiter;
    }
    return limiter;
  }

  protected paced(shardIndex: number, kds: number, kdsBytes: number, now: Micros): number {
    const limiter = this.pacingBuckets(shardIndex, now);
    if (limiter.records.tryTake(kds, now)) {
      if (limiter.bytes.tryTake(kdsBytes, now)) return kds;
      limiter.records.forceTake(-kds, now);
    }
    const per = kdsBytes / kds;
    const byRecords = Math.floor(limiter.records.available(now) + 1e-9);
    const n = Math.min(kds, byRecords, Math.floor(limiter.bytes.available(now) / per + 1e-9));
    if (n > 0) {
      limiter.records.forceTake(n, now);
      limiter.bytes.forceTake(n * per, now);
    } else {
      // Nothing through, and the limiter is as it was: at this `now`, no record passes if the records
      // bucket is dry, and none of this size or larger if the bytes bucket is.
      const smallest = byRecords === 0 ? 0 : this.dryAt[shardIndex] === now ? Math.min(this.dryPerRecord[shardIndex], per) : per;
      this.dryAt[shardIndex] = now;
      this.dryPerRecord[shardIndex] = smallest;
    }
    return n;
  }

  protected override pacedToNothing(shardIndex: number, kds: number, kdsBytes: number, now: Micros): boolean {
    return ProducerClient.shortcuts && this.dryAt[shardIndex] === now && kdsBytes / kds >= this.dryPerRecord[shardIndex];
  }

  /** Per shard: when `paced` last let nothing through, and the smallest bytes per KDS record it refused then. */
  private readonly dryAt: number[] = [];
  private readonly dryPerRecord: number[] = [];

  protected onThrottled(rest: Segment, ackAt: Micros): void {
    if (this.config.kpl.failIfThrottled) {
      this.stats.rejectedBy.throttled += rest.records;
      return;
    }
    this.keepForRetry({ ...rest, readyAt: ackAt + this.config.kpl.recordMaxBufferedTime / 2 });
  }

  /**
   * Throttled records of a shard wait together: the KPL retries them all at the next deadline, so
   * they are kept as one segment per shard (the buffer stays small however long the throttling lasts).
   */
  private keepForRetry(segment: Segment): void {
    const i = this.retrySlot[segment.shard];
    const held = i !== undefined ? this.buffer[i] : undefined;
    if (held !== undefined && held.shard === segment.shard && held.readyAt === segment.readyAt) {
      held.records += segment.records;
      held.kds += segment.kds;
      held.kdsBytes += segment.kdsBytes;
      held.ppu += segment.ppu;
      held.billed += segment.billed;
      held.firstCreated = Math.min(held.firstCreated, segment.firstCreated);
      held.lastCreated = Math.max(held.lastCreated, segment.lastCreated);
    } else {
      this.retrySlot[segment.shard] = this.buffer.length;
      this.buffer.push(segment);
    }
    this.bufferedRecords += segment.records;
  }

  /** Where each shard's retry segment of the current send sits in the buffer. */
  private retrySlot: (number | undefined)[] = [];
}

/**
 * An application calling PutRecords through an AWS SDK: it collects records for `batchInterval`,
 * sends each as its own KDS record, and resends failed entries itself (the SDK does not retry entry
 * failures, [API] PutRecords) with the SDK's throttling backoff: equal jitter from a 500 ms base, capped at
 * 20 s, up to 4 attempts (Java v2 legacy mode, [JAVA-RETRY]). A resent entry rides in the next
 * batch after its backoff. New records are dropped when the application's buffer is full.
 */
export class SdkProducer extends ProducerClient {
  protected readonly aggregates = false;
  protected readonly aggregationMaxBytes = 0;

  constructor(
    sim: Simulator,
    source: RecordSource,
    stream: Stream,
    config: KinesisConfig,
    stats: WriteStats,
    private readonly jitter: Rng,
  ) {
    super(sim, source, stream, config, stats, config.sdk.batchInterval);
    this.maxCallRecords = config.limits.putRecordsMaxRecords;
  }

  protected expire(): void {}

  protected bufferRoom(): number {
    return Math.max(0, this.config.sdk.maxBufferedRecords - this.bufferedRecords);
  }

  protected paced(_shard: number, kds: number): number {
    return kds;
  }

  protected pacingBuckets(): undefined {
    return undefined;
  }

  protected onThrottled(rest: Segment, ackAt: Micros): void {
    const c = this.config.sdk;
    if (rest.attempts >= c.maxAttempts) {
      this.stats.rejectedBy.retriesExhausted += rest.records;
      return;
    }
    const ceiling = Math.min(c.maxBackoff, c.throttledBaseDelay * 2 ** (rest.attempts - 1));
    const delay = ceiling / 2 + this.jitter.uniform(0, ceiling / 2);
    this.buffer.push({ ...rest, readyAt: ackAt + delay });
    this.bufferedRecords += rest.records;
  }
}
