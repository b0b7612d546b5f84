import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { SECOND, type Micros } from '../../engine/time.ts';
import type { ProducerSpec } from '../../scenario/workload-schema.ts';
import type { RecordFeedReader, RecordSource } from '../../workload/record-source.ts';
import { blockBuffers, CLOSED, CONTROL_SIZE, FINISHED, POSTED, ROUTES_SENT, stretchRuns, type FeedBlock } from './feed-block.ts';
import type { FeedWorkerData } from './feed-worker.ts';
import type { KeyRoutes } from './routing.ts';
import type { GroupingRules, SendGrouper } from './send-grouper.ts';
import { ShardRuns, type RunWindow } from './shard-runs.ts';

/** What a feed needs to make a producer client's records and groups. */
export interface FeedSetup {
  producer: ProducerSpec;
  producerIndex: number;
  seed: number | string;
  shards: number;
  explicitHashKeys: boolean;
  rules: GroupingRules;
  room: number;
  /** Whether the reader sends every key's route (`sendRoutes`), which the worker then waits for rather than hash the keys itself. */
  routesFollow: boolean;
}

/** About how many records and groups a block holds: big enough that handing one over costs little. */
const BLOCK_ITEMS = 65_536;
/** How long the reader waits for a block before it gives up on the worker (a healthy one takes milliseconds). */
const WAIT_LIMIT_MS = 120_000;

/**
 * A producer client's records and send groups, made ahead by a worker thread, so that on two cores
 * the simulation does not wait for record generation and grouping, the largest costs of a long run.
 * The worker draws the same records from the same named random streams, and groups them with the
 * same SendGrouper, so a run gives the same outputs with or without a feed.
 *
 * The groups assume what the client's windows assume: nothing buffered and the shards of the start.
 * The client takes them for a window when they apply (`groupsUntil`, then `consume`), and otherwise
 * takes the records (`take`, as from the RecordSource) and groups them itself: a window tried and
 * refused, a send with records buffered, or a window that reaches into the next block. A window may
 * be tried ahead to the end of its stretch (`reach`); its sends are counted as they are published
 * (`countUntil`).
 */
export class RecordFeed implements RecordFeedReader {
  /** Runs expected to create fewer records do without a worker (starting one costs more than it saves). */
  static minRecords = 20_000_000;
  /**
   * Keys this thread hashes for the worker at most (see sendRoutes): hashing this many takes about
   * as long as the worker takes to start. Beyond, each thread hashes the keys it meets.
   */
  static maxSharedRoutes = 200_000;

  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly control: Int32Array;
  private readonly interval: Micros;
  private readonly halfRtt: Micros;
  /** The block being read (undefined until the next one is needed). */
  private block: FeedBlock | undefined;
  /** Its next record. */
  private record = 0;
  /** The stretch of the block being read, a copy of its runs, and per shard its next group. */
  private stretch = -1;
  private readonly runs = new ShardRuns();
  private readonly group: Int32Array;
  /** Per shard, where the window `groupsUntil` gave ends in the runs of its last stretch (`lastStretch`). */
  private readonly windowEnd: Int32Array;
  private lastStretch = -1;
  /** The last send whose records were taken (as records or as groups). */
  private doneSend = -1;
  /** The last send, and the record of the block, up to which the records offered and the sends' counts are counted. */
  private countedSend = -1;
  private countedRecord = 0;

  constructor(setup: FeedSetup, peakRecordsPerSecond: number) {
    this.interval = setup.rules.interval;
    this.halfRtt = setup.rules.halfRtt;
    this.group = new Int32Array(setup.shards);
    this.windowEnd = new Int32Array(setup.shards);
    // A block's groups take shards × sends slots, its records about rate × interval per send.
    const recordsPerSend = (peakRecordsPerSecond * this.interval) / SECOND;
    const sendsPerBlock = Math.max(1, Math.floor(BLOCK_ITEMS / Math.max(setup.shards, recordsPerSend, 1)));
    const channel = new MessageChannel();
    this.port = channel.port1;
    const control = new SharedArrayBuffer(CONTROL_SIZE * Int32Array.BYTES_PER_ELEMENT);
    this.control = new Int32Array(control);
    const data: FeedWorkerData = { ...setup, sendsPerBlock, control, port: channel.port2, workerModule: siblingModule('feed-worker') };
    this.worker = new Worker(new URL('./feed-worker-entry.mjs', import.meta.url), { workerData: data, transferList: [channel.port2], execArgv: [] });
    // Neither keeps the process alive: a run that stops early (an error) still exits.
    this.worker.unref();
    this.port.unref();
  }

  /**
   * Hands the worker every key's route (see FeedSetup.routesFollow), resolved on this thread while
   * the worker starts: each thread would otherwise hash every key, and the worker's first blocks
   * would wait for it.
   */
  sendRoutes(routes: KeyRoutes): void {
    this.port.postMessage({ routes });
    Atomics.store(this.control, ROUTES_SENT, 1);
    Atomics.notify(this.control, ROUTES_SENT);
  }

  /** Stops the worker (at the end of the run): nothing it makes from now on is needed. */
  close(): void {
    Atomics.store(this.control, CLOSED, 1);
    Atomics.add(this.control, FINISHED, 1); // wakes it if it waits for room
    Atomics.notify(this.control, FINISHED);
    void this.worker.terminate();
  }

  peekNextTime(): Micros {
    const b = this.first();
    return this.record < b.count ? b.times[this.record] : b.nextTime;
  }

  take(until: Micros, into: RecordSource): number {
    let n = 0;
    let bytes = 0;
    for (;;) {
      const b = this.first();
      const from = this.record;
      let to = from;
      while (to < b.count && b.times[to] <= until) bytes += b.sizes[to++];
      if (to > from) {
        into.reserve(n + to - from);
        into.times.set(b.times.subarray(from, to), n);
        into.keys.set(b.keys.subarray(from, to), n);
        into.sizes.set(b.sizes.subarray(from, to), n);
        n += to - from;
        this.record = to;
      }
      const lastSend = b.firstSend + b.sends - 1;
      if (until < lastSend * this.interval || b.nextTime === Number.POSITIVE_INFINITY) break;
      this.doneSend = this.countedSend = lastSend; // counted below
      if (b.nextTime > until) break;
    }
    this.doneSend = this.countedSend = Math.max(this.doneSend, Math.floor(until / this.interval));
    this.countedRecord = this.record;
    into.countOffered(n, bytes);
    return n;
  }

  /**
   * Puts in `window` the groups of the sends after the last taken up to the one at `last` (copied
   * into `grouper`'s runs if they span stretches); nothing is taken yet (see consume). False when
   * they are not all in the block being read (the caller groups the records itself).
   */
  groupsUntil(last: Micros, window: RunWindow, grouper: SendGrouper): boolean {
    const b = this.first();
    const k = Math.round(last / this.interval) - b.firstSend;
    const done = this.doneSend - b.firstSend;
    if (k >= b.sends || k <= done) return false;
    const first = Math.floor((done + 1) / b.stretchSends);
    const lastStretch = Math.floor(k / b.stretchSends);
    if (first !== this.stretch) this.enterStretch(b, first);
    const taken = this.doneSend * this.interval + this.halfRtt;
    const cutoff = last + this.halfRtt;
    const runs = this.runs;
    // Sends whose records were taken as records are skipped.
    for (let s = 0; s < b.shards; s++) {
      const end = runs.start(s) + runs.length[s];
      let i = this.group[s];
      while (i < end && runs.arrival[i] <= taken) i++;
      this.group[s] = i;
    }
    if (lastStretch === first) {
      window.use(runs);
      for (let s = 0; s < b.shards; s++) {
        const end = runs.start(s) + runs.length[s];
        let i = this.group[s];
        window.from[s] = i;
        while (i < end && runs.arrival[i] <= cutoff) i++;
        window.to[s] = i;
        this.windowEnd[s] = i;
      }
    } else {
      // The window goes on into later stretches: its groups are copied together.
      const into = grouper.runs;
      into.reset(b.shards, k - done);
      for (let s = 0; s < b.shards; s++) into.appendRange(runs, s, this.group[s], runs.start(s) + runs.length[s]);
      for (let c = first + 1; c <= lastStretch; c++) {
        const next = stretchRuns(b, c);
        for (let s = 0; s < b.shards; s++) {
          const from = next.start(s);
          const end = from + next.length[s];
          let i = from;
          while (i < end && next.arrival[i] <= cutoff) i++;
          into.appendRange(next, s, from, i);
          this.windowEnd[s] = i;
        }
      }
      window.cover(into);
    }
    this.lastStretch = lastStretch;
    return true;
  }

  /**
   * The latest send a window ending with the send at `last` can be tried to while its groups stay
   * at hand: the end of the stretch of `last`, short of the block's last send (a window ending the
   * block is counted at once, as the block's totals go back to the worker with it).
   */
  reach(last: Micros): Micros {
    const b = this.first();
    const k = Math.round(last / this.interval) - b.firstSend;
    if (k >= b.sends - 1) return last;
    const stretchEnd = (Math.floor(k / b.stretchSends) + 1) * b.stretchSends - 1;
    return (b.firstSend + Math.min(stretchEnd, b.sends - 2)) * this.interval;
  }

  /** Whether the send at `last` is the last of the block being read. */
  endsBlock(last: Micros): boolean {
    const b = this.block!;
    return Math.round(last / this.interval) === b.firstSend + b.sends - 1;
  }

  /** Takes the window `groupsUntil` gave (the sends up to the one at `last`); they are counted by `countUntil`. */
  consume(last: Micros): void {
    const b = this.block!;
    const k = Math.round(last / this.interval) - b.firstSend;
    this.record = b.recordsEnd[k];
    if (this.lastStretch !== this.stretch) this.enterStretch(b, this.lastStretch);
    this.group.set(this.windowEnd);
    this.doneSend = b.firstSend + k;
  }

  /**
   * Counts the sends taken as groups up to the one at `last` (of the block being read): their
   * records offered to `into`, their PutRecords calls and rejections to `grouper`'s totals.
   */
  countUntil(last: Micros, into: RecordSource, grouper: SendGrouper): void {
    const b = this.block!;
    const k = Math.round(last / this.interval) - b.firstSend;
    const done = this.countedSend - b.firstSend;
    if (k <= done) return;
    into.countOffered(b.recordsEnd[k] - this.countedRecord, between(b.bytesEnd, done, k));
    grouper.putCalls += between(b.putCallsEnd, done, k);
    grouper.rejectedTooLarge += between(b.tooLargeEnd, done, k);
    grouper.rejectedBufferFull += between(b.bufferFullEnd, done, k);
    this.countedRecord = b.recordsEnd[k];
    this.countedSend = b.firstSend + k;
  }

  /**
   * Reads stretch `c` of the block from its start, from a copy: the block was written by the other
   * core, and one pass over the stretch brings it into this core's caches at once, where the polls
   * that read it a few groups at a time find it (reading the block in place cost this thread a fifth more).
   */
  private enterStretch(b: FeedBlock, c: number): void {
    this.stretch = c;
    const runs = this.runs;
    runs.reset(b.shards, b.stretchSends);
    runs.loadFrom(b.groups, c * ShardRuns.doublesFor(b.shards, b.stretchSends), b.groupCounts, c * b.shards);
    for (let s = 0; s < b.shards; s++) this.group[s] = runs.start(s);
  }

  /**
   * The block being read: the next one once every send of this one is taken (the last block stays).
   * A finished block goes back to the worker to be filled again (no allocation, no page faults); it
   * is given back only here, when the window that may still point into it is over.
   */
  private first(): FeedBlock {
    const b = this.block;
    if (b === undefined) return this.receive();
    if (this.doneSend < b.firstSend + b.sends - 1 || b.nextTime === Number.POSITIVE_INFINITY) return b;
    if (this.countedSend < this.doneSend) throw new Error('record feed: a block is finished before its sends are counted');
    this.block = undefined;
    this.port.postMessage(b, blockBuffers(b));
    Atomics.add(this.control, FINISHED, 1);
    Atomics.notify(this.control, FINISHED);
    return this.receive();
  }

  /** Waits for the worker's next block. */
  private receive(): FeedBlock {
    for (let waited = 0; ; waited += WAIT_SLICE_MS) {
      const posted = Atomics.load(this.control, POSTED);
      const message = receiveMessageOnPort(this.port);
      if (message !== undefined) {
        const m = message.message as FeedBlock | { error: string };
        if ('error' in m) throw new Error(`the record feed worker failed: ${m.error}`);
        this.stretch = -1;
        this.record = 0;
        this.countedRecord = 0;
        this.block = m;
        return m;
      }
      if (waited >= WAIT_LIMIT_MS) throw new Error('the record feed worker stopped answering');
      Atomics.wait(this.control, POSTED, posted, WAIT_SLICE_MS);
    }
  }
}

const WAIT_SLICE_MS = 1_000;

/** The sum over the sends after `done` up to `k` of a block's running total per send (`done` may be before the block). */
const between = (runningTotal: Float64Array, done: number, k: number) => runningTotal[k] - (done >= 0 ? runningTotal[done] : 0);

/** The URL of a module beside this one, with this module's extension: `.ts` from the sources, `.js` from dist/. */
function siblingModule(name: string): string {
  return new URL(`./${name}${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
}
