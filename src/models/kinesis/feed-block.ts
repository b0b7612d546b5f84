import { ShardRuns } from './shard-runs.ts';

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
  /**
   * The groups, a stretch of `stretchSends` sends at a time (the last stretch may have fewer): each
   * stretch's runs, one per shard, are `stretchRuns(block, c)`, kept together so that whoever writes
   * or reads a stretch works within a few kilobytes.
   */
  shards: number;
  stretchSends: number;
  groups: Float64Array<ArrayBuffer>;
  /** Per stretch and shard: the groups in that run. */
  groupCounts: Int32Array<ArrayBuffer>;
  /** Creation time of the first record after the block (Infinity: the producer has stopped for good, and this is the last block). */
  nextTime: number;
}

/**
 * Indexes in the shared control array: blocks posted by the worker, blocks finished by the reader,
 * 1 once the reader is done, 1 once the reader has sent the keys' routes (FeedSetup.routesFollow).
 */
export const POSTED = 0;
export const FINISHED = 1;
export const CLOSED = 2;
export const ROUTES_SENT = 3;
export const CONTROL_SIZE = 4;
/** Blocks the worker may have posted and the reader not finished: enough to ride out the stretches where the reader runs faster (samples, trims). */
export const BLOCKS_AHEAD = 8;

/** The runs of stretch `c` of a block (views into its arrays). */
export function stretchRuns(b: FeedBlock, c: number): ShardRuns {
  const size = ShardRuns.doublesFor(b.shards, b.stretchSends);
  return ShardRuns.over(b.groups.subarray(c * size, (c + 1) * size), b.groupCounts.subarray(c * b.shards, (c + 1) * b.shards), b.shards, b.stretchSends);
}

/** The buffers of a block, to transfer rather than copy. */
export function blockBuffers(b: FeedBlock): ArrayBuffer[] {
  return [b.times, b.keys, b.sizes, b.recordsEnd, b.bytesEnd, b.putCallsEnd, b.tooLargeEnd, b.bufferFullEnd, b.groups, b.groupCounts].map(
    (a) => a.buffer as ArrayBuffer,
  );
}
