import { TokenBucket } from '../../engine/token-bucket.ts';
import type { Micros } from '../../engine/time.ts';
import type { HashRange } from './routing.ts';
import { ShardLog } from './shard-log.ts';

/** Write and read allowances of one shard (from `systems.kinesis.limits`, or on-demand's shard size). */
export interface ShardAllowance {
  writeBytesPerSec: number;
  writeRecordsPerSec: number;
  writeBurstSeconds: number;
  maxRecordBytes: number;
  readCallsPerSec: number;
  readBytesPerSec: number;
  readRecordsPerSec: number;
}

/** Formats shard ids the way Kinesis does: `shardId-000000000007`. */
export const shardIdOf = (index: number) => `shardId-${String(index).padStart(12, '0')}`;

/**
 * One shard: a hash-key range, a log of records, and the token buckets that admit writes and
 * polling reads ([API], docs/models/kinesis.md#writes and #reads). OPEN shards take writes; a CLOSED shard
 * (a parent after resharding) stays readable until retention empties it.
 */
export class Shard {
  readonly id: string;
  state: 'open' | 'closed' = 'open';
  closedAt: Micros | undefined;
  readonly children: number[] = [];
  readonly log: ShardLog;

  /** 1 MiB/s including keys; large records may drive it into debt (the "tank" of [LR]). */
  readonly writeBytes: TokenBucket;
  /** 1,000 records/s (a KPL aggregated record counts once). */
  readonly writeRecords: TokenBucket;
  /** 5 GetRecords calls/s shared by every polling application. */
  readonly readCalls: TokenBucket;
  /** 2 MiB/s shared by every polling application; a large read borrows, throttling the next calls. */
  readonly readBytes: TokenBucket;
  /** 2,000 KDS records/s shared by every polling application; a large read borrows likewise. */
  readonly readRecords: TokenBucket;

  /** Bytes accepted since the shard opened (on-demand splitting measures it per minute). */
  totalIncomingBytes = 0;
  /** Interval counters for the series (reset by the metrics sampler). */
  incomingBytes = 0;
  incomingRecords = 0;
  incomingKdsRecords = 0;
  writeThrottledRecords = 0;
  readThrottledCalls = 0;
  /** Called after each append (enhanced fan-out pipes wait on it). */
  readonly onAppend: (() => void)[] = [];

  constructor(
    readonly index: number,
    readonly range: HashRange,
    readonly parents: number[],
    readonly openedAt: Micros,
    allowance: ShardAllowance,
    chunkSpan: Micros,
  ) {
    this.id = shardIdOf(index);
    this.log = new ShardLog(chunkSpan);
    const a = allowance;
    const byteDepth = a.writeBytesPerSec * a.writeBurstSeconds;
    this.writeBytes = new TokenBucket(a.writeBytesPerSec, byteDepth, Math.max(0, a.maxRecordBytes - byteDepth), openedAt);
    this.writeRecords = new TokenBucket(a.writeRecordsPerSec, a.writeRecordsPerSec * a.writeBurstSeconds, 0, openedAt);
    this.readCalls = new TokenBucket(a.readCallsPerSec, a.readCallsPerSec, 0, openedAt);
    this.readBytes = new TokenBucket(a.readBytesPerSec, a.readBytesPerSec, 0, openedAt);
    this.readRecords = new TokenBucket(a.readRecordsPerSec, a.readRecordsPerSec, 0, openedAt);
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  /**
   * Admits up to `kds` KDS records totalling `bytes` (an even split assumed within the batch), in
   * order, until a bucket runs dry: PutRecords fails the rest entry by entry with
   * ProvisionedThroughputExceeded while the call itself succeeds ([API] PutRecords). `streamBytes` is an
   * extra stream-wide byte allowance (on-demand capacity), or undefined. Returns the records admitted.
   */
  admit(kds: number, bytes: number, now: Micros, streamBytes?: TokenBucket): number {
    if (kds <= 0) return 0;
    const records = this.writeRecords;
    const byteBucket = this.writeBytes;
    // Fast path: everything fits (two bucket updates); a failed byte take gives the records back.
    // (Not with the large-record tank, whose borrowing is per record, nor with a stream-wide allowance.)
    if (streamBytes === undefined && byteBucket.maxDebt === 0 && records.tryTake(kds, now)) {
      if (byteBucket.tryTake(bytes, now)) return kds;
      records.forceTake(-kds, now);
    }
    const perRecord = bytes / kds;
    let admitted = Math.min(kds, Math.floor(records.available(now) + 1e-9));
    const tokens = byteBucket.available(now);
    let byBytes = Math.floor(tokens / perRecord + 1e-9);
    // The tank: with large records enabled, one more record may borrow while any tokens are left.
    if (byteBucket.maxDebt > 0 && tokens > 0 && tokens - (byBytes + 1) * perRecord >= -byteBucket.maxDebt) byBytes += 1;
    admitted = Math.min(admitted, byBytes);
    if (streamBytes) admitted = Math.min(admitted, Math.floor(streamBytes.available(now) / perRecord + 1e-9));
    if (admitted <= 0) return 0;
    records.forceTake(admitted, now);
    byteBucket.forceTake(admitted * perRecord, now);
    streamBytes?.forceTake(admitted * perRecord, now);
    return admitted;
  }
}
