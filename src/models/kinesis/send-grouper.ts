import type { Micros } from '../../engine/time.ts';
import { KPL_AGGREGATION_FRAMING_BYTES } from './limits.ts';
import { onDemandBilledBytes, PUT_PAYLOAD_UNIT_BYTES } from './billing-units.ts';
import type { HashRouter, KeyRouting } from './routing.ts';
import { GROUP_FIELD, ShardRuns } from './shard-runs.ts';

// Module-local copies: hot loops below read them per record.
const FRAMING_BYTES = KPL_AGGREGATION_FRAMING_BYTES;
const PPU_BYTES = PUT_PAYLOAD_UNIT_BYTES;
const billedBytesOf = onDemandBilledBytes;
/** putPayloadUnits(bytes) without its division for the common sizes. */
const payloadUnitsOf = (bytes: number) => (bytes <= PPU_BYTES ? 1 : bytes <= 2 * PPU_BYTES ? 2 : Math.ceil(bytes / PPU_BYTES));

/** The send a record created at `t` goes in: the first grid time at or after `t`, and not before `first`. */
function sendTimeOf(t: Micros, interval: Micros, first: Micros): Micros {
  let g = Math.ceil(t / interval) * interval;
  if (g < t) g += interval; // the division rounded down
  return g < first ? first : g;
}

/** Protobuf varint length of n. */
const varintBytes = (n: number) => (n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5);

/**
 * Bytes one user record adds to a KPL aggregated record (awslabs/amazon-kinesis-producer
 * aggregation-format.md): a partition_key_table entry (tag, length, key) and a Record message
 * (tag, length, partition_key_index, data with its tag and length). Keys are taken as distinct.
 */
export function aggregatedEntryBytes(dataBytes: number, keyBytes: number): number {
  const inner = 2 + 1 + varintBytes(dataBytes) + dataBytes;
  return 1 + varintBytes(keyBytes) + keyBytes + 1 + varintBytes(inner) + inner;
}

/** How a producer client turns records into sends: plain data, so a feed worker can use it too. */
export interface GroupingRules {
  /** Time between sends (KPL RecordMaxBufferedTime, the SDK application's batch interval). */
  interval: Micros;
  /** Half a request's round trip: a send's records arrive at the shards this long after it. */
  halfRtt: Micros;
  /** The largest record a shard accepts (data plus partition key). */
  maxRecordBytes: number;
  /** Whether user records share KPL aggregates (false: each goes as a plain KDS record). */
  packs: boolean;
  aggregationMaxBytes: number;
  /** On-demand streams bill ingested bytes; provisioned ones PUT payload units. */
  onDemand: boolean;
  /** KDS records per PutRecords call. */
  maxCallRecords: number;
}

/** The records a grouping pass reads: arrival times, key indexes and sizes (a RecordSource's arrays). */
export interface RecordArrays {
  times: Float64Array;
  keys: Int32Array;
  sizes: Int32Array;
}

/**
 * Folds a producer's records, send by send, into per-shard groups of KDS records (`runs`): the
 * client's batching and KPL aggregation, with the rejections the client libraries make. It keeps
 * running totals (PutRecords calls, rejections) that its owner reads and resets.
 */
export class SendGrouper {
  /** Where groups go (a feed worker gives each block its own). */
  runs = new ShardRuns();
  /** The shards met in the send grouped last, in the order they were met (`touchedCount` of them). */
  touched = new Int32Array(0);
  touchedCount = 0;
  /** PutRecords calls of the sends grouped since the last reset. */
  putCalls = 0;
  /** When set, each send's PutRecords calls are also written here, at its send number minus `callsFrom`. */
  callsBySend: Float64Array | undefined;
  callsFrom = 0;
  /** Rejections found since the last reset (kept apart so a window tried and undone counts nothing). */
  rejectedTooLarge = 0;
  rejectedBufferFull = 0;

  /**
   * Per shard, while grouping a send: 0 the open aggregate's bytes, 1 its user records, 2 the size
   * of its first record (sent plain if it stays alone), 3 one plus the index of the shard's group of
   * this send in `runs` (0: not met yet in this send).
   */
  private acc = new Float64Array(0);
  private static readonly A = 4;
  /** Per shard, in `groupPlain`: the index of its group of the send being grouped in `runs` (-1: none yet). */
  private slots = new Int32Array(0);

  constructor(
    readonly rules: GroupingRules,
    readonly routing: KeyRouting,
  ) {}

  /**
   * Routes records `from` to `to` by key and folds them, send by send, into per-shard KDS records
   * (aggregated or not). A record goes in the send at the first grid time at or after its creation,
   * and not before `first`. Each send's records of a shard make one group at the end of the shard's
   * run in `runs` (reset by the caller, with room for every send); the last send's shards are in
   * `touched`. Records past `room` in a send (the client's buffer), and oversized records, are
   * rejected here, as the client libraries do.
   */
  group(records: RecordArrays, from: number, to: number, first: Micros, room: number, router: HashRouter, shardCount: number): void {
    this.touchedCount = 0;
    if (to <= from) return;
    const A = SendGrouper.A;
    if (this.acc.length < shardCount * A) {
      this.acc = new Float64Array(shardCount * 2 * A);
      this.touched = new Int32Array(shardCount * 2);
      this.slots = new Int32Array(shardCount * 2).fill(-1);
    }
    if (!this.rules.packs) {
      this.groupPlain(records, from, to, first, room, router);
      return;
    }
    const acc = this.acc;
    const touched = this.touched;
    const runs = this.runs;
    const runRecords = runs.records;
    const runCreated = runs.lastCreated;
    const { times, keys, sizes } = records;
    let routeOf = this.routing.routeOf;
    const routeShard = this.routing.routeShard;
    const routeKeyBytes = this.routing.routeKeyBytes;
    const rules = this.rules;
    const large = rules.maxRecordBytes;
    const aggMax = rules.aggregationMaxBytes;
    const interval = rules.interval;
    let touchedCount = 0;
    let sendAt = Number.NEGATIVE_INFINITY;
    let inSend = 0;
    let tooLarge = 0;
    let bufferFull = 0;
    for (let i = from; i < to; i++) {
      const t = times[i];
      if (t > sendAt) {
        if (touchedCount > 0) this.closeSend(touchedCount, sendAt);
        touchedCount = 0;
        inSend = 0;
        sendAt = sendTimeOf(t, interval, first);
      }
      if (inSend === room) {
        bufferFull++;
        continue;
      }
      inSend++;
      let route = routeOf[keys[i]];
      if (route === 0) {
        route = this.routing.resolve(keys[i], router);
        routeOf = this.routing.routeOf; // wider once the codes outgrow a byte
      }
      const s = routeShard[route];
      const kb = routeKeyBytes[route];
      const data = sizes[i];
      const size = data + kb;
      if (size > large) {
        tooLarge++;
        continue;
      }
      const o = s * A;
      let slot = acc[o + 3] - 1;
      if (slot < 0) {
        slot = runs.open(s, t);
        acc[o] = 0; acc[o + 1] = 0; acc[o + 2] = 0;
        acc[o + 3] = slot + 1;
        touched[touchedCount++] = s;
      }
      runRecords[slot] += 1;
      runCreated[slot] = t;
      const entry = aggregatedEntryBytes(data, kb);
      if (FRAMING_BYTES + kb + entry > aggMax) {
        // Too big to aggregate: it goes as a plain record of its own.
        this.closeRecord(slot, size);
        continue;
      }
      if (acc[o + 1] > 0 && acc[o] + entry > aggMax) this.closeAggregate(o, slot);
      if (acc[o + 1] === 0) {
        acc[o] = FRAMING_BYTES + kb; // the aggregate's own partition key: its first record's
        acc[o + 2] = size;
      }
      acc[o] += entry;
      acc[o + 1] += 1;
    }
    if (touchedCount > 0) this.closeSend(touchedCount, sendAt);
    this.touchedCount = touchedCount;
    this.rejectedTooLarge += tooLarge;
    this.rejectedBufferFull += bufferFull;
  }

  /** `group` for records that never share an aggregate: each user record is a KDS record of its own. */
  private groupPlain(records: RecordArrays, from: number, to: number, first: Micros, room: number, router: HashRouter): void {
    const touched = this.touched;
    const slots = this.slots;
    const runs = this.runs;
    // The group fields through the one array they are views of: fewer arrays for the loop to hold.
    const st = runs.storage;
    const n = runs.shardCount * runs.capacity;
    const RECORDS = GROUP_FIELD.records * n, KDS = GROUP_FIELD.kds * n, BYTES = GROUP_FIELD.bytes * n, PPU = GROUP_FIELD.ppu * n;
    const BILLED = GROUP_FIELD.billed * n, FIRST = GROUP_FIELD.firstCreated * n, LAST = GROUP_FIELD.lastCreated * n;
    const { times, keys, sizes } = records;
    const routeShard = this.routing.routeShard;
    const routeKeyBytes = this.routing.routeKeyBytes;
    const rules = this.rules;
    const large = rules.maxRecordBytes;
    const interval = rules.interval;
    const onDemand = rules.onDemand;
    let routeOf = this.routing.routeOf;
    const capacity = runs.capacity;
    const lengths = runs.length;
    let touchedCount = 0;
    let sendAt = Number.NEGATIVE_INFINITY;
    let inSend = 0;
    let tooLarge = 0;
    let bufferFull = 0;
    for (let i = from; i < to; i++) {
      const t = times[i];
      if (t > sendAt) {
        if (touchedCount > 0) this.closePlainSend(touchedCount, sendAt);
        touchedCount = 0;
        inSend = 0;
        sendAt = sendTimeOf(t, interval, first);
      }
      if (inSend === room) {
        bufferFull++;
        continue;
      }
      inSend++;
      let route = routeOf[keys[i]];
      if (route === 0) {
        route = this.routing.resolve(keys[i], router);
        routeOf = this.routing.routeOf; // wider once the codes outgrow a byte
      }
      const s = routeShard[route];
      const size = sizes[i] + routeKeyBytes[route];
      if (size > large) {
        tooLarge++;
        continue;
      }
      const ppu = onDemand ? 0 : payloadUnitsOf(size);
      const billed = onDemand ? billedBytesOf(size) : 0;
      const slot = slots[s];
      if (slot < 0) {
        // The shard's first record in this send opens its group.
        const at = s * capacity + lengths[s];
        st[RECORDS + at] = 1;
        st[KDS + at] = 1;
        st[BYTES + at] = size;
        st[PPU + at] = ppu;
        st[BILLED + at] = billed;
        st[FIRST + at] = t;
        st[LAST + at] = t;
        slots[s] = at;
        touched[touchedCount++] = s;
        continue;
      }
      st[RECORDS + slot] += 1;
      st[LAST + slot] = t;
      st[KDS + slot] += 1;
      st[BYTES + slot] += size;
      st[PPU + slot] += ppu;
      st[BILLED + slot] += billed;
    }
    if (touchedCount > 0) this.closePlainSend(touchedCount, sendAt);
    this.touchedCount = touchedCount;
    this.rejectedTooLarge += tooLarge;
    this.rejectedBufferFull += bufferFull;
  }

  /** `closeSend` of `groupPlain`, whose groups are found through `slots`. */
  private closePlainSend(touchedCount: number, sendAt: Micros): void {
    const runs = this.runs;
    const slots = this.slots;
    const now = sendAt + this.rules.halfRtt;
    let sendKds = 0;
    const arrival = runs.arrival;
    const lengths = runs.length;
    for (let t = 0; t < touchedCount; t++) {
      const s = this.touched[t];
      const slot = slots[s];
      sendKds += runs.kds[slot];
      arrival[slot] = now; // runs.close, with the group's index at hand
      lengths[s]++;
      slots[s] = -1;
    }
    this.countCalls(sendKds, sendAt);
  }

  /** Ends a send's grouping: closes each met shard's open aggregate and its group (arriving half a round trip after the send). */
  private closeSend(touchedCount: number, sendAt: Micros): void {
    const A = SendGrouper.A;
    const acc = this.acc;
    const runs = this.runs;
    const now = sendAt + this.rules.halfRtt;
    let sendKds = 0;
    for (let t = 0; t < touchedCount; t++) {
      const s = this.touched[t];
      const o = s * A;
      const slot = acc[o + 3] - 1;
      this.closeAggregate(o, slot);
      acc[o + 3] = 0;
      runs.close(s, now);
      sendKds += runs.kds[slot];
    }
    this.countCalls(sendKds, sendAt);
  }

  /** Counts the PutRecords calls of the send at `sendAt`, which sends `sendKds` KDS records. */
  private countCalls(sendKds: number, sendAt: Micros): void {
    const perCall = this.rules.maxCallRecords;
    const calls = sendKds <= perCall ? 1 : Math.ceil(sendKds / perCall);
    this.putCalls += calls;
    if (this.callsBySend !== undefined) this.callsBySend[Math.round(sendAt / this.rules.interval) - this.callsFrom] = calls;
  }

  /** Ends the open aggregate of a shard; a single record goes unaggregated, as the KPL sends it. */
  private closeAggregate(o: number, slot: number): void {
    const acc = this.acc;
    const count = acc[o + 1];
    if (count === 0) return;
    const bytes = count === 1 ? acc[o + 2] : acc[o];
    acc[o + 1] = 0;
    acc[o] = 0;
    this.closeRecord(slot, bytes);
  }

  /** A KDS record of `bytes` joins the group at `slot`, with its billing units. */
  private closeRecord(slot: number, bytes: number): void {
    const runs = this.runs;
    runs.kds[slot] += 1;
    runs.bytes[slot] += bytes;
    if (this.rules.onDemand) runs.billed[slot] += billedBytesOf(bytes);
    else runs.ppu[slot] += payloadUnitsOf(bytes);
  }
}
