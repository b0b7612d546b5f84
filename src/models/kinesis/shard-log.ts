import type { Micros } from '../../engine/time.ts';

/**
 * The records of one shard, kept as chunks, never one entry per record: each chunk has its user
 * record count, KDS record count (aggregated records count once against the limits), bytes, and the
 * spread of creation and arrival times. Positions are sequence numbers counted in user records from
 * the shard's first record, so a position stays valid whatever is trimmed or appended.
 *
 * Appends within `chunkSpan` of a chunk's first arrival join it; the model sets the span so a shard
 * never holds more than about 50,000 chunks whatever the retention, which bounds memory. Within a
 * chunk records are taken to be evenly spread in time (reads and latencies interpolate), and
 * retention trims whole chunks, so a record may outlive the retention by up to one chunk span.
 */
export class ShardLog {
  private cap = 64;
  private head = 0; // ring index of the oldest chunk
  private size = 0;
  /** Absolute number of the oldest chunk (chunks ever trimmed). */
  private headNumber = 0;
  private startSeq = new Float64Array(this.cap);
  private records = new Float64Array(this.cap);
  private kds = new Float64Array(this.cap);
  private bytes = new Float64Array(this.cap);
  private firstCreated = new Float64Array(this.cap);
  private lastCreated = new Float64Array(this.cap);
  private firstArrival = new Float64Array(this.cap);
  private lastArrival = new Float64Array(this.cap);

  /** User records ever appended: the sequence number of the next record. */
  tip = 0;
  /** Sequence number of the oldest retained record (TRIM_HORIZON). */
  trimPoint = 0;
  /** Bytes currently retained. */
  retainedBytes = 0;
  /** Arrival time of the newest record (0 when empty). */
  lastArrivalTime: Micros = 0;
  /** KDS records the last `read` returned (aggregates count once, as for the read quota). */
  lastReadKds = 0;

  // The newest append, kept apart so reads at the tip get its exact times.
  private lastAppendStart = 0;
  private lastAppendKds = 0;
  private lastAppendBytes = 0;
  private lastAppendFirstCreated = 0;
  private lastAppendLastCreated = 0;
  private beforeLastAppendAt: Micros = 0;

  constructor(readonly chunkSpan: Micros) {}

  get chunkCount(): number {
    return this.size;
  }

  append(records: number, kdsRecords: number, bytes: number, firstCreated: number, lastCreated: number, now: Micros): void {
    if (records <= 0) return;
    this.lastAppendStart = this.tip;
    this.lastAppendKds = kdsRecords;
    this.lastAppendBytes = bytes;
    this.lastAppendFirstCreated = firstCreated;
    this.lastAppendLastCreated = lastCreated;
    this.tip += records;
    this.retainedBytes += bytes;
    this.lastArrivalTime = now;
    if (this.size > 0) {
      const last = (this.head + this.size - 1) & (this.cap - 1);
      if (now - this.firstArrival[last] < this.chunkSpan) {
        this.beforeLastAppendAt = this.lastArrival[last];
        this.records[last] += records;
        this.kds[last] += kdsRecords;
        this.bytes[last] += bytes;
        if (firstCreated < this.firstCreated[last]) this.firstCreated[last] = firstCreated;
        if (lastCreated > this.lastCreated[last]) this.lastCreated[last] = lastCreated;
        this.lastArrival[last] = now;
        return;
      }
    }
    if (this.size === this.cap) this.grow();
    const i = (this.head + this.size) & (this.cap - 1);
    this.startSeq[i] = this.tip - records;
    this.records[i] = records;
    this.kds[i] = kdsRecords;
    this.bytes[i] = bytes;
    this.firstCreated[i] = firstCreated;
    this.lastCreated[i] = lastCreated;
    this.firstArrival[i] = now;
    this.lastArrival[i] = now;
    this.size++;
  }

  /**
   * `append` of each group i from `from` to `to` of parallel arrays, in order: the same log, with the
   * newest chunk's figures kept in locals while the appends join it.
   */
  appendRun(
    records: Float64Array, kds: Float64Array, bytes: Float64Array, firstCreated: Float64Array,
    lastCreated: Float64Array, arrival: Float64Array, from: number, to: number,
  ): void {
    let i = from;
    while (i < to) {
      const last = (this.head + this.size - 1) & (this.cap - 1);
      if (this.size === 0 || records[i] <= 0 || !(arrival[i] - this.firstArrival[last] < this.chunkSpan)) {
        this.append(records[i], kds[i], bytes[i], firstCreated[i], lastCreated[i], arrival[i]);
        i++;
        continue;
      }
      // Appends joining the newest chunk (as `append` does, one by one).
      const opened = this.firstArrival[last];
      let chunkRecords = this.records[last];
      let chunkKds = this.kds[last];
      let chunkBytes = this.bytes[last];
      let chunkFirst = this.firstCreated[last];
      let chunkLast = this.lastCreated[last];
      let chunkArrival = this.lastArrival[last];
      let tip = this.tip;
      let retained = this.retainedBytes;
      let before = this.beforeLastAppendAt;
      let lastStart = this.lastAppendStart;
      let k = i;
      for (; k < to && records[k] > 0 && arrival[k] - opened < this.chunkSpan; k++) {
        before = chunkArrival;
        lastStart = tip;
        chunkRecords += records[k];
        chunkKds += kds[k];
        chunkBytes += bytes[k];
        if (firstCreated[k] < chunkFirst) chunkFirst = firstCreated[k];
        if (lastCreated[k] > chunkLast) chunkLast = lastCreated[k];
        chunkArrival = arrival[k];
        tip += records[k];
        retained += bytes[k];
      }
      const newest = k - 1;
      this.records[last] = chunkRecords;
      this.kds[last] = chunkKds;
      this.bytes[last] = chunkBytes;
      this.firstCreated[last] = chunkFirst;
      this.lastCreated[last] = chunkLast;
      this.lastArrival[last] = chunkArrival;
      this.tip = tip;
      this.retainedBytes = retained;
      this.lastArrivalTime = chunkArrival;
      this.beforeLastAppendAt = before;
      this.lastAppendStart = lastStart;
      this.lastAppendKds = kds[newest];
      this.lastAppendBytes = bytes[newest];
      this.lastAppendFirstCreated = firstCreated[newest];
      this.lastAppendLastCreated = lastCreated[newest];
      i = k;
    }
  }

  /** Drops every chunk whose newest record arrived before `cutoff`; returns the new trim point. */
  trim(cutoff: Micros): number {
    while (this.size > 0 && this.lastArrival[this.head] < cutoff) {
      this.retainedBytes -= this.bytes[this.head];
      this.trimPoint = this.startSeq[this.head] + this.records[this.head];
      for (const cursor of this.cursors) {
        if (cursor.number > this.headNumber) cursor.bytes -= this.bytes[this.head];
        else cursor.number = this.headNumber + 1;
      }
      this.head = (this.head + 1) & (this.cap - 1);
      this.headNumber++;
      this.size--;
    }
    if (this.size === 0) this.retainedBytes = 0;
    return this.trimPoint;
  }

  /** Arrival time of the record at `seq` (interpolated within its chunk); the tip's arrival at or past the tip. */
  arrivalAt(seq: number): Micros {
    if (seq >= this.tip || this.size === 0) return this.lastArrivalTime;
    const i = this.find(seq);
    const f = this.records[i] > 1 ? (seq - this.startSeq[i]) / (this.records[i] - 1) : 0;
    return this.firstArrival[i] + Math.min(1, f) * (this.lastArrival[i] - this.firstArrival[i]);
  }

  /**
   * Reads from `from` (at or after the trim point) up to the tip, stopping before any limit would
   * be passed: `maxRecords` user records, `maxKds` KDS records, `maxBytes` bytes (at least one
   * record is returned if any exists, as GetRecords returns a large record whole). Calls `piece` for
   * each part of a chunk read, oldest first; returns the number of user records read.
   */
  read(from: number, maxRecords: number, maxKds: number, maxBytes: number, piece: PieceVisitor): number {
    this.lastReadKds = 0;
    if (from >= this.tip || this.size === 0) return 0;
    let i = this.find(from);
    const last = (this.head + this.size - 1) & (this.cap - 1);
    let seq = from;
    let records = 0;
    let kds = 0;
    let bytes = 0;
    let n = this.size - this.logicalIndex(i);
    while (n-- > 0) {
      // The newest append of the newest chunk is read with its exact times; the rest of a chunk by
      // interpolation (readers at the tip mostly read just that append).
      const split = i === last && this.lastAppendStart > this.startSeq[i];
      const parts = split && seq < this.lastAppendStart ? 2 : 1;
      for (let part = 0; part < parts; part++) {
        let start = this.startSeq[i];
        let cRecords = this.records[i];
        let cKds = this.kds[i];
        let cBytes = this.bytes[i];
        let c0 = this.firstCreated[i];
        let c1 = this.lastCreated[i];
        let a0 = this.firstArrival[i];
        let a1 = this.lastArrival[i];
        if (split) {
          const tailRecords = this.tip - this.lastAppendStart;
          if (seq >= this.lastAppendStart) {
            start = this.lastAppendStart;
            cKds = this.lastAppendKds;
            cBytes = this.lastAppendBytes;
            cRecords = tailRecords;
            c0 = this.lastAppendFirstCreated;
            c1 = this.lastAppendLastCreated;
            a0 = a1;
          } else {
            cKds -= this.lastAppendKds;
            cBytes -= this.lastAppendBytes;
            cRecords -= tailRecords;
            a1 = this.beforeLastAppendAt;
          }
        }
        const offset = seq - start;
        const available = cRecords - offset;
        const perRecordBytes = cBytes / cRecords;
        const perRecordKds = cKds / cRecords;
        let take = Math.min(available, maxRecords - records);
        if (perRecordKds > 0) take = Math.min(take, Math.floor((maxKds - kds) / perRecordKds + 1e-9));
        if (perRecordBytes > 0) take = Math.min(take, Math.floor((maxBytes - bytes) / perRecordBytes + 1e-9));
        if (take <= 0 && records === 0) take = 1;
        if (take <= 0) return records;
        const span = cRecords > 1 ? cRecords - 1 : 1;
        const f0 = offset / span;
        const f1 = Math.min(1, (offset + take - 1) / span);
        piece(take, take * perRecordBytes, c0 + f0 * (c1 - c0), c0 + f1 * (c1 - c0), a0 + f0 * (a1 - a0), a0 + f1 * (a1 - a0));
        records += take;
        kds += take * perRecordKds;
        this.lastReadKds = kds;
        bytes += take * perRecordBytes;
        seq += take;
        if (take < available) return records;
      }
      i = (i + 1) & (this.cap - 1);
    }
    return records;
  }

  // ---- storage-age cursors: bytes retained longer than a given age (for retention billing) ----

  private readonly cursors: { number: number; bytes: number }[] = [];

  /** A cursor that tracks the bytes of chunks whose newest record arrived before a moving cutoff. */
  ageCursor(): { bytesBefore: (cutoff: Micros) => number } {
    const cursor = { number: this.headNumber, bytes: 0 };
    this.cursors.push(cursor);
    return {
      bytesBefore: (cutoff: Micros) => {
        while (cursor.number < this.headNumber + this.size) {
          const i = (this.head + (cursor.number - this.headNumber)) & (this.cap - 1);
          if (this.lastArrival[i] >= cutoff) break;
          cursor.bytes += this.bytes[i];
          cursor.number++;
        }
        return Math.max(0, cursor.bytes);
      },
    };
  }

  /** Ring index of the chunk holding `seq` (seq within [trimPoint, tip)). */
  private find(seq: number): number {
    const mask = this.cap - 1;
    const newest = (this.head + this.size - 1) & mask;
    if (this.startSeq[newest] <= seq) return newest; // readers at the tip: no search
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.startSeq[(this.head + mid) & mask] <= seq) lo = mid;
      else hi = mid - 1;
    }
    return (this.head + lo) & mask;
  }

  private logicalIndex(ring: number): number {
    return (ring - this.head + this.cap) & (this.cap - 1);
  }

  private grow(): void {
    const cap = this.cap * 2;
    const move = (a: Float64Array) => {
      const b = new Float64Array(cap);
      for (let k = 0; k < this.size; k++) b[k] = a[(this.head + k) & (this.cap - 1)];
      return b;
    };
    this.startSeq = move(this.startSeq);
    this.records = move(this.records);
    this.kds = move(this.kds);
    this.bytes = move(this.bytes);
    this.firstCreated = move(this.firstCreated);
    this.lastCreated = move(this.lastCreated);
    this.firstArrival = move(this.firstArrival);
    this.lastArrival = move(this.lastArrival);
    this.head = 0;
    this.cap = cap;
  }
}

/** One part of a chunk handed to a reader: records, bytes, and creation/arrival time spans. */
export type PieceVisitor = (
  records: number,
  bytes: number,
  firstCreated: number,
  lastCreated: number,
  firstArrival: number,
  lastArrival: number,
) => void;
