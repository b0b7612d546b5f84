import type { ScheduledEvent } from '../../engine/simulator.ts';
import type { Micros } from '../../engine/time.ts';
import type { ShardProgress } from './app-progress.ts';
import type { KclApplication, Lease, ShardReader } from './kcl.ts';
import type { PieceVisitor } from './shard-log.ts';
import type { Shard } from './shard.ts';

/**
 * Points a piece of a batch is split into in the latency histograms. Each piece's records were
 * created evenly over its span; a few points per piece are enough because thousands of pieces, each
 * at its own phase, fill in the distribution.
 */
const LATENCY_POINTS = 4;
const READ_LATENCY_POINTS = 2;

/** Fields per piece in a batch: records, bytes, first/last creation time, first/last arrival time. */
const P = 6;

/**
 * What the polling and the enhanced fan-out readers share (KCL's ShardConsumer): wait for the
 * parents to be drained, start at the checkpoint, hand each batch to the record processor (which
 * takes `processingTime` per record), checkpoint every N records or T seconds, and checkpoint
 * SHARD_END when a closed shard is read to its end.
 *
 * A batch is settled (counted as processed) when its processing ends; the next read is scheduled
 * from there. If the worker stops first, an unfinished batch is dropped: its records stay in the
 * backlog and the next owner reads them again from the checkpoint.
 */
export abstract class ShardConsumer implements ShardReader {
  protected readonly shard: Shard;
  protected readonly progress: ShardProgress;
  protected position = 0;
  protected alive = true;
  protected next: ScheduledEvent | undefined;

  // The batch being processed.
  private pieces = new Float64Array(P * 4);
  private pieceCount = 0;
  private batchFrom = 0;
  private batchRecords = 0;
  private batchBytes = 0;
  private batchReceivedAt: Micros = 0;
  protected batchDoneAt: Micros = -1;

  constructor(
    protected readonly app: KclApplication,
    protected readonly lease: Lease,
  ) {
    this.shard = app.stream.shards[lease.shard];
    this.progress = app.progress.shards[lease.shard]!;
  }

  begin(): void {
    if (!this.alive) return;
    if (!this.app.parentsDone(this.shard)) {
      this.next = this.app.sim.schedule(this.app.config.kcl.parentShardPollInterval, () => this.begin());
      return;
    }
    this.position = Math.max(this.progress.checkpoint, this.shard.log.trimPoint);
    this.run();
  }

  /** Starts the reading loop (after parents are done and the position is set). */
  protected abstract run(): void;

  stop(now: Micros): void {
    if (!this.alive) return;
    this.alive = false;
    this.app.sim.cancel(this.next);
    if (this.batchDoneAt >= 0 && this.batchDoneAt <= now) this.settle();
    this.batchDoneAt = -1;
  }

  /** Adds a piece read from the log to the batch (one function for every read, not a closure per read). */
  private readonly addPiece: PieceVisitor = (records, bytes, c0, c1, a0, a1) => {
    if ((this.pieceCount + 1) * P > this.pieces.length) {
      const grown = new Float64Array(this.pieces.length * 2);
      grown.set(this.pieces);
      this.pieces = grown;
    }
    const o = this.pieceCount * P;
    this.pieces[o] = records;
    this.pieces[o + 1] = bytes;
    this.pieces[o + 2] = c0;
    this.pieces[o + 3] = c1;
    this.pieces[o + 4] = a0;
    this.pieces[o + 5] = a1;
    this.pieceCount++;
    this.batchBytes += bytes;
  };

  /** Reads up to the limits from the current position into a new batch; returns the records read. */
  protected readBatch(maxRecords: number, maxBytes: number, receivedAt: Micros): number {
    this.pieceCount = 0;
    this.batchBytes = 0;
    this.batchFrom = this.position;
    const n = this.shard.log.read(this.position, maxRecords, maxRecords, maxBytes, this.addPiece);
    this.batchRecords = n;
    this.position += n;
    this.batchReceivedAt = receivedAt;
    this.batchDoneAt = n > 0 ? receivedAt + n * this.app.spec.processingTime : -1;
    return n;
  }

  /** The batch just read reaches the application at `at` (enhanced fan-out: after the pipe and propagation). */
  protected receiveAt(at: Micros): void {
    this.batchReceivedAt = at;
    if (this.batchDoneAt >= 0) this.batchDoneAt = at + this.batchRecords * this.app.spec.processingTime;
  }

  /** Bytes of the batch just read that had been stored longer than `age` at `now` (long-term retrieval). */
  protected batchBytesOlderThan(age: Micros, now: Micros): number {
    let bytes = 0;
    for (let i = 0; i < this.pieceCount; i++) if (this.pieces[i * P + 5] < now - age) bytes += this.pieces[i * P + 1];
    return bytes;
  }

  /** Bytes of the batch just read. */
  protected get lastBatchBytes(): number {
    return this.batchBytes;
  }

  /** Arrival time of the newest record in the batch just read. */
  protected get lastBatchNewestArrival(): number {
    return this.pieceCount > 0 ? this.pieces[(this.pieceCount - 1) * P + 5] : 0;
  }

  /** Counts the finished batch: deliveries, latencies, checkpoint. */
  protected settle(): void {
    const n = this.batchRecords;
    if (n <= 0 || this.batchDoneAt < 0) return;
    const app = this.app.progress;
    const pt = this.app.spec.processingTime;
    const start = this.batchReceivedAt;
    let done = 0;
    for (let i = 0; i < this.pieceCount; i++) {
      const o = i * P;
      const records = this.pieces[o];
      const firstDone = start + (done + 1) * pt;
      const lastDone = start + (done + records) * pt;
      const l1 = firstDone - this.pieces[o + 2];
      const l2 = lastDone - this.pieces[o + 3];
      app.latency.recordSpread(Math.min(l1, l2), Math.max(l1, l2), records, LATENCY_POINTS);
      app.readLatency.recordSpread(start - this.pieces[o + 5], start - this.pieces[o + 4], records, READ_LATENCY_POINTS);
      done += records;
    }
    app.processed(this.shard.index, this.batchFrom, n, this.batchBytes);
    const p = this.progress;
    p.sinceCheckpoint += n;
    const at = this.batchDoneAt;
    const k = this.app.config.kcl;
    if ((k.checkpointEveryRecords !== undefined && p.sinceCheckpoint >= k.checkpointEveryRecords) || at - p.lastCheckpointAt >= k.checkpointInterval) {
      this.app.checkpoint(p, this.batchFrom + n, at);
    }
    this.batchRecords = 0;
    this.batchDoneAt = -1;
  }

  /** A closed shard read to its end: checkpoint SHARD_END and release the lease. Returns true if so. */
  protected endIfDrained(now: Micros): boolean {
    const log = this.shard.log;
    if (this.shard.isOpen || this.position < log.tip) return false;
    this.app.checkpoint(this.progress, log.tip, now);
    this.alive = false;
    this.app.shardEnded(this.lease);
    return true;
  }

  /** MillisBehindLatest after a read: how far the new position is from the tip, ms (0 when caught up). */
  protected millisBehindLatest(): number {
    const log = this.shard.log;
    if (this.position >= log.tip) return 0;
    return (log.lastArrivalTime - log.arrivalAt(this.position)) / 1000;
  }
}
