import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { RandomStreams } from '../../engine/random.ts';
import type { ProducerSpec } from '../../scenario/workload-schema.ts';
import { RecordSource } from '../../workload/record-source.ts';
import { BLOCKS_AHEAD, blockBuffers, CLOSED, FINISHED, POSTED, type FeedBlock } from './feed-block.ts';
import { HashRouter, KeyRouting } from './routing.ts';
import { SendGrouper, type GroupingRules } from './send-grouper.ts';
import { ShardRuns } from './shard-runs.ts';
import { Topology } from './topology.ts';

export interface FeedWorkerData {
  producer: ProducerSpec;
  producerIndex: number;
  seed: number | string;
  shards: number;
  explicitHashKeys: boolean;
  rules: GroupingRules;
  /** New records a send takes in with nothing buffered. */
  room: number;
  sendsPerBlock: number;
  control: SharedArrayBuffer;
  port: MessagePort;
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
  const grouper = new SendGrouper(data.rules, new KeyRouting(source.keyCount, (k) => source.keyName(k), data.explicitHashKeys));
  const control = new Int32Array(data.control);
  for (let posted = 0; ; posted++) {
    for (let finished = Atomics.load(control, FINISHED); posted - finished >= BLOCKS_AHEAD; finished = Atomics.load(control, FINISHED)) {
      if (Atomics.load(control, CLOSED) === 1) return;
      Atomics.wait(control, FINISHED, finished);
    }
    if (Atomics.load(control, CLOSED) === 1) return;
    // A block the reader has finished with, if one is back, is filled again.
    const reused = receiveMessageOnPort(data.port)?.message as FeedBlock | undefined;
    const block = makeBlock(source, grouper, router, data, posted * data.sendsPerBlock, reused);
    data.port.postMessage(block, blockBuffers(block));
    Atomics.add(control, POSTED, 1);
    Atomics.notify(control, POSTED);
    if (block.nextTime === Number.POSITIVE_INFINITY) return;
  }
}

function makeBlock(
  source: RecordSource, grouper: SendGrouper, router: HashRouter, data: FeedWorkerData, firstSend: number, reused: FeedBlock | undefined,
): FeedBlock {
  const sends = data.sendsPerBlock;
  const interval = data.rules.interval;
  const count = source.pull((firstSend + sends - 1) * interval);
  const fits = reused !== undefined && reused.times.length >= count;
  const room = Math.ceil(count * 1.25); // the next blocks' counts vary around this one's
  const records = {
    times: fits ? reused.times : new Float64Array(room),
    keys: fits ? reused.keys : new Int32Array(room),
    sizes: fits ? reused.sizes : new Int32Array(room),
  };
  records.times.set(source.times.subarray(0, count));
  records.keys.set(source.keys.subarray(0, count));
  records.sizes.set(source.sizes.subarray(0, count));
  const putCallsEnd = reused?.putCallsEnd ?? new Float64Array(sends);
  const tooLargeEnd = reused?.tooLargeEnd ?? new Float64Array(sends);
  const bufferFullEnd = reused?.bufferFullEnd ?? new Float64Array(sends);
  const recordsEnd = reused?.recordsEnd ?? new Int32Array(sends);
  const bytesEnd = reused?.bytesEnd ?? new Float64Array(sends);
  putCallsEnd.fill(0);
  tooLargeEnd.fill(0);
  bufferFullEnd.fill(0);
  const groupInto = (runs: ShardRuns) => {
    runs.reset(data.shards, sends);
    grouper.runs = runs;
    grouper.putCalls = 0;
    grouper.rejectedTooLarge = 0;
    grouper.rejectedBufferFull = 0;
  };
  // The whole block in one pass, as a client's window is grouped; the calls of each send are noted.
  let runs = reused ? Object.assign(new ShardRuns(), reused.runs) : new ShardRuns();
  groupInto(runs);
  grouper.callsBySend = putCallsEnd;
  grouper.callsFrom = firstSend;
  grouper.group(records, 0, count, firstSend * interval, data.room, router, data.shards);
  grouper.callsBySend = undefined;
  const { times, sizes } = records;
  const rejections = grouper.rejectedTooLarge + grouper.rejectedBufferFull > 0;
  // With rejections, again one send at a time, to know which sends they were in.
  if (rejections) groupInto((runs = new ShardRuns()));
  let bytes = 0;
  let calls = 0;
  for (let k = 0, i = 0; k < sends; k++) {
    const g = (firstSend + k) * interval;
    let j = i;
    while (j < count && times[j] <= g) bytes += sizes[j++];
    if (rejections) {
      if (j > i) grouper.group(records, i, j, g, data.room, router, data.shards);
      tooLargeEnd[k] = grouper.rejectedTooLarge;
      bufferFullEnd[k] = grouper.rejectedBufferFull;
    }
    calls += putCallsEnd[k];
    putCallsEnd[k] = calls;
    recordsEnd[k] = j;
    bytesEnd[k] = bytes;
    i = j;
  }
  return {
    firstSend, sends, count, ...records, recordsEnd, bytesEnd, putCallsEnd, tooLargeEnd, bufferFullEnd, runs,
    nextTime: source.peekNextTime(),
  };
}
