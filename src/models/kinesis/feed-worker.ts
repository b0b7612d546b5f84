import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { RandomStreams } from '../../engine/random.ts';
import { RecordSource } from '../../workload/record-source.ts';
import { BLOCKS_AHEAD, blockBuffers, CLOSED, FINISHED, POSTED, ROUTES_SENT, type FeedBlock } from './feed-block.ts';
import { HashRouter, KeyRouting, type KeyRoutes } from './routing.ts';
import type { FeedSetup } from './record-feed.ts';
import { SendGrouper } from './send-grouper.ts';
import { ShardRuns } from './shard-runs.ts';
import { Topology } from './topology.ts';

/** What the worker is started with: the feed's setup and the means to hand blocks over. */
export interface FeedWorkerData extends FeedSetup {
  sendsPerBlock: number;
  control: SharedArrayBuffer;
  port: MessagePort;
  /** This module's URL, which the worker's entry imports: `.ts` from the sources, `.js` from dist/. */
  workerModule: string;
}

/**
 * The worker side of a RecordFeed: the producer's records, from the same named random streams as
 * the simulation's own RecordSource, grouped send by send for the stream's shards as they are at
 * the start, block after block, never more than BLOCKS_AHEAD blocks ahead of the reader.
 */
export function runFeedWorker(data: FeedWorkerData): void {
  const source = new RecordSource(data.producer, new RandomStreams(data.seed), data.producerIndex);
  const open = new Topology(data.shards).open();
  const router = new HashRouter(
    open.map((d) => d.index),
    open.map((d) => d.range),
  );
  const routing = new KeyRouting(source.keyCount, (k) => source.keyName(k), data.explicitHashKeys);
  const grouper = new SendGrouper(data.rules, routing);
  const control = new Int32Array(data.control);
  if (data.routesFollow) {
    // The reader's routes come first on the port (before any block goes back).
    for (;;) {
      const sent = receiveMessageOnPort(data.port)?.message as { routes: KeyRoutes } | undefined;
      if (sent !== undefined) {
        routing.adopt(sent.routes);
        break;
      }
      if (Atomics.load(control, CLOSED) === 1) return;
      Atomics.wait(control, ROUTES_SENT, 0, 1_000);
    }
  }
  for (let posted = 0, firstSend = 0; ; posted++) {
    for (let finished = Atomics.load(control, FINISHED); posted - finished >= BLOCKS_AHEAD; finished = Atomics.load(control, FINISHED)) {
      if (Atomics.load(control, CLOSED) === 1) return;
      Atomics.wait(control, FINISHED, finished);
    }
    if (Atomics.load(control, CLOSED) === 1) return;
    // A block the reader has finished with, if one is back, is filled again.
    const reused = receiveMessageOnPort(data.port)?.message as FeedBlock | undefined;
    // The first block is small: the reader waits for it.
    const sends = posted === 0 ? Math.ceil(data.sendsPerBlock / FIRST_BLOCK_FRACTION) : data.sendsPerBlock;
    const block = makeBlock(source, grouper, router, data, firstSend, sends, reused?.recordsEnd.length === sends ? reused : undefined);
    firstSend += sends;
    data.port.postMessage(block, blockBuffers(block));
    Atomics.add(control, POSTED, 1);
    Atomics.notify(control, POSTED);
    if (block.nextTime === Number.POSITIVE_INFINITY) return;
  }
}

/** The first block has this fraction of the sends of the others. */
const FIRST_BLOCK_FRACTION = 16;

/** Makes the block of `sends` sends from `firstSend` on, in the arrays of `reused` (a block of as many sends) if given. */
function makeBlock(
  source: RecordSource, grouper: SendGrouper, router: HashRouter, data: FeedWorkerData, firstSend: number, sends: number,
  reused: FeedBlock | undefined,
): FeedBlock {
  const interval = data.rules.interval;
  // The records go straight into the block's arrays (the source grows them if they are too small).
  if (reused) source.useArrays(reused.times, reused.keys, reused.sizes);
  else source.useArrays(new Float64Array(INITIAL_RECORDS), new Int32Array(INITIAL_RECORDS), new Int32Array(INITIAL_RECORDS));
  const count = source.pull((firstSend + sends - 1) * interval);
  const records = { times: source.times, keys: source.keys, sizes: source.sizes };
  const recordsEnd = reused?.recordsEnd ?? new Int32Array(sends);
  const bytesEnd = reused?.bytesEnd ?? new Float64Array(sends);
  const putCallsEnd = reused?.putCallsEnd ?? new Float64Array(sends);
  const tooLargeEnd = reused?.tooLargeEnd ?? new Float64Array(sends);
  const bufferFullEnd = reused?.bufferFullEnd ?? new Float64Array(sends);
  const { times, sizes } = records;
  const fixedBytes = source.fixedRecordBytes;
  let bytes = 0;
  for (let k = 0, i = 0; k < sends; k++) {
    const g = (firstSend + k) * interval;
    if (fixedBytes > 0) {
      while (i < count && times[i] <= g) i++;
      bytes = i * fixedBytes;
    } else {
      while (i < count && times[i] <= g) bytes += sizes[i++];
    }
    recordsEnd[k] = i;
    bytesEnd[k] = bytes;
  }
  const stretches = Math.ceil(sends / STRETCH_SENDS);
  const groups = reused?.groups ?? new Float64Array(stretches * ShardRuns.doublesFor(data.shards, STRETCH_SENDS));
  const groupCounts = reused?.groupCounts ?? new Int32Array(stretches * data.shards);
  const block: FeedBlock = {
    firstSend, sends, count, ...records, recordsEnd, bytesEnd, putCallsEnd, tooLargeEnd, bufferFullEnd,
    shards: data.shards, stretchSends: STRETCH_SENDS, groups, groupCounts, nextTime: source.peekNextTime(),
  };
  putCallsEnd.fill(0);
  grouper.callsBySend = putCallsEnd;
  grouper.callsFrom = firstSend;
  grouper.rejectedTooLarge = 0;
  grouper.rejectedBufferFull = 0;
  // A stretch of sends at a time, into the grouper's runs of one stretch (a few kilobytes, which stay
  // in the nearest caches while they are written, which runs the size of the block would not),
  // then copied into the block.
  const runs = grouper.runs;
  const stretchDoubles = ShardRuns.doublesFor(data.shards, STRETCH_SENDS);
  for (let c = 0; c < stretches; c++) {
    const k0 = c * STRETCH_SENDS;
    const k1 = Math.min(sends, k0 + STRETCH_SENDS);
    const from = k0 > 0 ? recordsEnd[k0 - 1] : 0;
    const tooLarge = grouper.rejectedTooLarge;
    const bufferFull = grouper.rejectedBufferFull;
    runs.reset(data.shards, STRETCH_SENDS);
    grouper.group(records, from, recordsEnd[k1 - 1], (firstSend + k0) * interval, data.room, router, data.shards);
    if (grouper.rejectedTooLarge === tooLarge && grouper.rejectedBufferFull === bufferFull) {
      tooLargeEnd.fill(tooLarge, k0, k1);
      bufferFullEnd.fill(bufferFull, k0, k1);
    } else {
      // Rejections: again one send at a time, to know which sends they were in.
      grouper.rejectedTooLarge = tooLarge;
      grouper.rejectedBufferFull = bufferFull;
      runs.reset(data.shards, STRETCH_SENDS);
      for (let k = k0; k < k1; k++) {
        const i = k > 0 ? recordsEnd[k - 1] : 0;
        grouper.group(records, i, recordsEnd[k], (firstSend + k) * interval, data.room, router, data.shards);
        tooLargeEnd[k] = grouper.rejectedTooLarge;
        bufferFullEnd[k] = grouper.rejectedBufferFull;
      }
    }
    runs.storeInto(groups, c * stretchDoubles, groupCounts, c * data.shards);
  }
  grouper.callsBySend = undefined;
  for (let k = 1; k < sends; k++) putCallsEnd[k] += putCallsEnd[k - 1];
  return block;
}

/** Records a new block's arrays start with (they double as needed, and blocks are reused). */
const INITIAL_RECORDS = 4096;
/** Sends grouped at a time (see makeBlock). */
const STRETCH_SENDS = 128;
