import type { Micros } from '../../engine/time.ts';

/**
 * A run of consecutive records in a partition's log: a count, their bytes on disk and the spread
 * of their creation times (records are spread evenly over it when a read takes part of a chunk).
 * Memory does not grow with records: committed chunks of one segment are merged up to a size.
 */
export interface Chunk {
  baseOffset: number;
  count: number;
  /** Bytes on disk (compressed, with batch headers). */
  bytes: number;
  /** Bytes of the log before this chunk since the partition was created (so positions can be given in bytes). */
  startBytes: number;
  firstTime: Micros;
  lastTime: Micros;
  /** When the leader appended it (for the page-cache test of later reads). */
  appendTime: Micros;
  /** The records are acknowledged (counted as accepted). */
  accepted: boolean;
  /**
   * The records are not unique accepted records: a second copy written by a retry without
   * idempotence, or a batch the producer gave up on that still reached the log.
   */
  extra: boolean;
  /** First chunk of its segment (never merged into the previous one). */
  segmentStart: boolean;
  /** The producer batch it came from, until it is committed. */
  owner?: unknown;
  /** Removed by a truncation (leader change); a retry must write it again. */
  truncated?: boolean;
}

/** Told of each chunk the high watermark passes. */
export interface CommitSink {
  onCommit(chunk: Chunk, now: Micros): void;
}

/** A slice of the log handed to a reader: offsets [from, to) of a partition with their bytes and creation times. */
export interface LogSlice {
  /** The partition it was read from (-1 when the reader did not say). */
  partition: number;
  from: number;
  to: number;
  bytes: number;
  firstTime: Micros;
  lastTime: Micros;
  appendTime: Micros;
  extra: boolean;
}

interface Segment {
  baseOffset: number;
  bytes: number;
  createdAt: Micros;
  /** Largest record timestamp (CreateTime) in the segment: what time-based retention looks at. */
  maxTime: Micros;
}

/** Committed chunks are merged while they stay under this size, so a read can still take part of one cheaply. */
const MERGE_MAX_BYTES = 1024 * 1024;
/** … and while they span at most this much creation time, so latency and time lag stay precise. */
const MERGE_MAX_SPAN: Micros = 1_000_000;

/**
 * The log of one partition as the leader holds it: chunks in offset order, grouped into segments
 * (rolled at `segment.bytes` or `segment.ms`, Kafka topic configs) that retention deletes whole
 * ("retention and cleaning is always done a file at a time", `segment.bytes` doc). Followers hold a prefix of it, described by their log end offsets (replication.ts).
 */
export class PartitionLog {
  private chunks: Chunk[] = [];
  private head = 0;
  /** Index of the first chunk not yet committed (at or above the high watermark). */
  private firstUncommitted = 0;
  private segments: Segment[] = [];
  private segmentHead = 0;
  logStartOffset = 0;
  endOffset = 0;
  /** Bytes appended since creation, and bytes deleted from the start. */
  endBytes = 0;
  startBytes = 0;

  constructor(
    private readonly segmentBytes: number,
    private readonly segmentMicros: Micros,
  ) {}

  get sizeBytes(): number {
    return this.endBytes - this.startBytes;
  }

  get chunkCount(): number {
    return this.chunks.length - this.head;
  }

  /** Appends one batch at the end; returns its chunk. */
  append(count: number, bytes: number, firstTime: Micros, lastTime: Micros, now: Micros, accepted: boolean, extra: boolean, owner?: unknown): Chunk {
    let segment = this.segments[this.segments.length - 1];
    if (
      !segment ||
      this.segments.length === this.segmentHead ||
      (segment.bytes > 0 && (segment.bytes + bytes > this.segmentBytes || now - segment.createdAt >= this.segmentMicros))
    ) {
      segment = { baseOffset: this.endOffset, bytes: 0, createdAt: now, maxTime: 0 };
      this.segments.push(segment);
    }
    const chunk: Chunk = {
      baseOffset: this.endOffset, count, bytes, startBytes: this.endBytes, firstTime, lastTime, appendTime: now,
      accepted, extra, segmentStart: segment.bytes === 0, owner,
    };
    segment.bytes += bytes;
    if (lastTime > segment.maxTime) segment.maxTime = lastTime;
    this.chunks.push(chunk);
    this.endOffset += count;
    this.endBytes += bytes;
    return chunk;
  }

  /**
   * Marks chunks below `highWatermark` committed, calling `sink.onCommit(chunk, now)` for each in
   * order (a method, not a closure: this runs at every high-watermark move), and merges them into
   * their predecessor where that keeps the log small.
   */
  commitTo(highWatermark: number, sink: CommitSink, now: Micros): void {
    const chunks = this.chunks;
    const length = chunks.length;
    // Chunks merged away are squeezed out in one pass (w trails i by the number merged so far).
    let i = this.firstUncommitted;
    let w = i;
    while (i < length) {
      const chunk = chunks[i];
      if (chunk.baseOffset + chunk.count > highWatermark) break;
      sink.onCommit(chunk, now);
      chunk.owner = undefined;
      const previous = w > this.head ? chunks[w - 1] : undefined;
      if (
        previous && !chunk.segmentStart && chunk.accepted && previous.accepted && !chunk.extra && !previous.extra &&
        previous.bytes + chunk.bytes <= MERGE_MAX_BYTES && chunk.lastTime - previous.firstTime <= MERGE_MAX_SPAN
      ) {
        previous.count += chunk.count;
        previous.bytes += chunk.bytes;
        previous.lastTime = Math.max(previous.lastTime, chunk.lastTime);
        previous.firstTime = Math.min(previous.firstTime, chunk.firstTime);
        previous.appendTime = chunk.appendTime;
      } else {
        chunks[w++] = chunk;
      }
      i++;
    }
    if (w < i) {
      for (let k = i; k < length; k++) chunks[w + k - i] = chunks[k];
      chunks.length = w + length - i;
    }
    this.firstUncommitted = w;
  }

  /** Index of the chunk holding `offset` (head <= i < length), or -1. */
  private indexOf(offset: number): number {
    let lo = this.head;
    let hi = this.chunks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.chunks[mid];
      if (offset < c.baseOffset) hi = mid - 1;
      else if (offset >= c.baseOffset + c.count) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  /** Bytes of the log before `offset` since creation (interpolated inside a chunk). */
  bytesAt(offset: number): number {
    if (offset >= this.endOffset) return this.endBytes;
    if (offset <= this.logStartOffset) return this.startBytes;
    const c = this.chunks[this.indexOf(offset)];
    return c.startBytes + ((offset - c.baseOffset) / c.count) * c.bytes;
  }

  /** Creation time of the record at `offset` (interpolated); undefined past the end. */
  timeAt(offset: number): Micros | undefined {
    if (offset >= this.endOffset || offset < this.logStartOffset) return undefined;
    const c = this.chunks[this.indexOf(offset)];
    return c.count <= 1 ? c.firstTime : c.firstTime + ((offset - c.baseOffset) / (c.count - 1)) * (c.lastTime - c.firstTime);
  }

  /**
   * Slices from `from` up to `limit` (exclusive), at most `maxBytes` but always at least one chunk
   * (Kafka returns at least one whole batch so a reader always progresses). With `wholeChunks` a
   * read never ends inside a chunk (replica fetches copy whole batches). The slices are tagged with
   * `partition` and appended to `out` (one object per slice: the reader keeps them).
   */
  read(from: number, limit: number, maxBytes: number, wholeChunks: boolean, out: LogSlice[], partition = -1): number {
    let offset = Math.max(from, this.logStartOffset);
    let bytes = 0;
    let i = this.indexOf(offset);
    if (i < 0) return 0;
    while (offset < limit && i < this.chunks.length) {
      const c = this.chunks[i];
      const end = Math.min(limit, c.baseOffset + c.count);
      let to = end;
      let sliceBytes = this.bytesBetween(c, offset, to);
      if (bytes > 0 && bytes + sliceBytes > maxBytes) {
        if (wholeChunks) break;
        const room = maxBytes - bytes;
        const perRecord = c.bytes / c.count;
        const n = Math.floor(room / perRecord);
        if (n <= 0) break;
        to = offset + n;
        sliceBytes = this.bytesBetween(c, offset, to);
      }
      out.push({
        partition, from: offset, to, bytes: sliceBytes,
        firstTime: interpolateTime(c, offset), lastTime: interpolateTime(c, to - 1),
        appendTime: c.appendTime, extra: c.extra,
      });
      bytes += sliceBytes;
      offset = to;
      if (to < c.baseOffset + c.count || bytes >= maxBytes) break;
      i++;
    }
    return bytes;
  }

  /**
   * What a replica fetch copies from `from`: whole chunks up to `limit`, at most `maxBytes` (at least
   * one chunk). Returns the end offset (or `from` if nothing) and sets `lastRead` (bytes, oldest append time).
   */
  readWhole(from: number, limit: number, maxBytes: number): number {
    let i = this.indexOf(Math.max(from, this.logStartOffset));
    let offset = from;
    let bytes = 0;
    let oldest = Number.POSITIVE_INFINITY;
    while (i >= 0 && i < this.chunks.length && offset < limit) {
      const c = this.chunks[i];
      const end = c.baseOffset + c.count;
      // bytesAt(offset) without a second search: offset lies in c (or is its base, or below the log start).
      const at = offset <= c.baseOffset ? c.startBytes : c.startBytes + ((offset - c.baseOffset) / c.count) * c.bytes;
      const sliceBytes = c.startBytes + c.bytes - at;
      if (bytes > 0 && bytes + sliceBytes > maxBytes) break;
      bytes += sliceBytes;
      if (c.appendTime < oldest) oldest = c.appendTime;
      offset = end;
      i++;
    }
    this.lastRead.bytes = bytes;
    this.lastRead.oldestAppendTime = oldest;
    return offset;
  }

  readonly lastRead = { bytes: 0, oldestAppendTime: 0 };

  private bytesBetween(c: Chunk, from: number, to: number): number {
    return ((to - from) / c.count) * c.bytes;
  }

  /** Unique accepted records (not extra copies) in [from, to). */
  countAccepted(from: number, to: number): number {
    const start = Math.max(from, this.logStartOffset);
    const end = Math.min(to, this.endOffset);
    if (end <= start) return 0;
    let total = 0;
    for (let i = this.indexOf(start); i >= 0 && i < this.chunks.length; i++) {
      const c = this.chunks[i];
      if (c.baseOffset >= end) break;
      if (c.accepted && !c.extra) total += Math.min(end, c.baseOffset + c.count) - Math.max(start, c.baseOffset);
    }
    return total;
  }

  /** Chunks from `offset` to the end (for truncation bookkeeping). */
  chunksFrom(offset: number): Chunk[] {
    const i = offset >= this.endOffset ? this.chunks.length : Math.max(this.head, this.indexOf(offset));
    return this.chunks.slice(i);
  }

  /**
   * Removes everything from `offset` on (a new leader's log is shorter: Kafka design docs, "Replication").
   * Returns the removed pieces (a chunk cut in two keeps its first part).
   */
  truncateTo(offset: number): Chunk[] {
    if (offset >= this.endOffset) return [];
    const target = Math.max(offset, this.logStartOffset);
    const i = this.indexOf(target);
    const removed = this.chunks.splice(i);
    const first = removed[0];
    if (first.baseOffset < target) {
      const keep = target - first.baseOffset;
      const keepBytes = (keep / first.count) * first.bytes;
      const kept: Chunk = { ...first, count: keep, bytes: keepBytes, lastTime: interpolateTime(first, target - 1) };
      removed[0] = { ...first, baseOffset: target, count: first.count - keep, bytes: first.bytes - keepBytes, startBytes: first.startBytes + keepBytes, firstTime: interpolateTime(first, target) };
      this.chunks.push(kept);
    }
    for (const c of removed) c.truncated = true;
    this.endOffset = target;
    this.endBytes = this.chunks.length > this.head ? last(this.chunks).startBytes + last(this.chunks).bytes : this.startBytes;
    this.firstUncommitted = Math.min(this.firstUncommitted, this.chunks.length);
    // Segments beyond the new end go; the one holding it shrinks.
    while (this.segments.length > this.segmentHead && last(this.segments).baseOffset >= target && this.segments.length - this.segmentHead > 1) this.segments.pop();
    const seg = last(this.segments);
    if (seg) seg.bytes = this.endBytes - this.bytesAt(seg.baseOffset);
    return removed;
  }

  /** The active segment's newest record is older than `before` (retention then rolls it: `segment.ms` doc). */
  rollIfAllOlderThan(before: Micros, now: Micros): void {
    const seg = this.segments[this.segments.length - 1];
    if (seg && this.segments.length > this.segmentHead && seg.bytes > 0 && seg.maxTime < before) {
      this.segments.push({ baseOffset: this.endOffset, bytes: 0, createdAt: now, maxTime: 0 });
    }
  }

  /**
   * The new log start after deleting closed segments that retention allows: older than
   * `retentionBefore` (by their newest record) or beyond `retentionBytes`, and wholly below the
   * high watermark (Kafka never deletes uncommitted data). Does not delete; see `deleteBefore`.
   */
  deletableUpTo(retentionBefore: Micros, retentionBytes: number | undefined, highWatermark: number): number {
    let size = this.sizeBytes;
    let newStart = this.logStartOffset;
    for (let s = this.segmentHead; s < this.segments.length - 1; s++) {
      const seg = this.segments[s];
      const next = this.segments[s + 1];
      if (next.baseOffset > highWatermark) break;
      const byTime = seg.maxTime < retentionBefore;
      const bySize = retentionBytes !== undefined && size - seg.bytes >= retentionBytes;
      if (!byTime && !bySize) break;
      size -= seg.bytes;
      newStart = next.baseOffset;
    }
    return newStart;
  }

  /** Deletes whole segments below `offset` (a segment boundary from `deletableUpTo`). */
  deleteBefore(offset: number): void {
    if (offset <= this.logStartOffset) return;
    while (this.segmentHead < this.segments.length && this.segments[this.segmentHead].baseOffset < offset) this.segmentHead++;
    while (this.head < this.chunks.length && this.chunks[this.head].baseOffset < offset) this.head++;
    this.logStartOffset = offset;
    this.startBytes = this.head < this.chunks.length ? this.chunks[this.head].startBytes : this.endBytes;
    this.firstUncommitted = Math.max(this.firstUncommitted, this.head);
    if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks.splice(0, this.head);
      this.firstUncommitted -= this.head;
      this.head = 0;
    }
    if (this.segmentHead > 64) {
      this.segments.splice(0, this.segmentHead);
      this.segmentHead = 0;
    }
  }
}

function interpolateTime(c: Chunk, offset: number): Micros {
  return c.count <= 1 ? c.firstTime : c.firstTime + ((offset - c.baseOffset) / (c.count - 1)) * (c.lastTime - c.firstTime);
}

function last<T>(a: T[]): T {
  return a[a.length - 1];
}
