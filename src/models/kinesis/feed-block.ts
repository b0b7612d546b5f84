import type { ShardRuns } from './shard-runs.ts';

/**
 * What a feed worker hands over for `sends` consecutive sends of a producer client, from send number
 * `firstSend` (send n is at n × interval): the records created for them, and the groups the client
 * would make of them with nothing buffered. Per-send figures are running totals over the block, so
 * any run of sends is a difference of two.
 */
export interface FeedBlock {
  firstSend: number;
  sends: number;
  /** The records, in creation order: `count` of them. */
  count: number;
  times: Float64Array<ArrayBuffer>;
  keys: Int32Array<ArrayBuffer>;
  sizes: Int32Array<ArrayBuffer>;
  /** Per send, through it: records, their bytes, PutRecords calls, records rejected as too large or for a full buffer. */
  recordsEnd: Int32Array;
  bytesEnd: Float64Array;
  putCallsEnd: Float64Array;
  tooLargeEnd: Float64Array;
  bufferFullEnd: Float64Array;
  /** The groups: one run per shard, in send order. */
  runs: ShardRuns;
  /** Creation time of the first record after the block (Infinity: the producer has stopped for good, and this is the last block). */
  nextTime: number;
}

/** Indexes in the shared control array: blocks posted by the worker, blocks finished by the reader, 1 once the reader is done. */
export const POSTED = 0;
export const FINISHED = 1;
export const CLOSED = 2;
export const CONTROL_SIZE = 3;
/** Blocks the worker may have posted and the reader not finished. */
export const BLOCKS_AHEAD = 3;

/** The buffers of a block, to transfer rather than copy. */
export function blockBuffers(b: FeedBlock): ArrayBuffer[] {
  const r = b.runs;
  return [
    b.times, b.keys, b.sizes, b.recordsEnd, b.bytesEnd, b.putCallsEnd, b.tooLargeEnd, b.bufferFullEnd,
    r.length, r.arrival, r.records, r.kds, r.bytes, r.ppu, r.billed, r.firstCreated, r.lastCreated,
  ].map((a) => a.buffer as ArrayBuffer);
}
