import type { Micros } from '../../engine/time.ts';

/**
 * The sends of a window, grouped by shard (see ProducerClient.sendWindow): for each shard, a run of
 * its groups in send order, one group per send with records for it. A group has the arrival time of
 * its send, user records, KDS records, KDS bytes, PUT payload units, on-demand billed bytes, and the
 * first and last creation time. Fields are parallel typed arrays with a fixed stretch per shard,
 * grown when a run outgrows it, so a window allocates nothing.
 */
export class ShardRuns {
  /** Groups each shard's stretch can hold. */
  capacity = 16;
  shardCount = 0;
  length = new Int32Array(0);
  arrival = new Float64Array(0);
  records = new Float64Array(0);
  kds = new Float64Array(0);
  bytes = new Float64Array(0);
  ppu = new Float64Array(0);
  billed = new Float64Array(0);
  firstCreated = new Float64Array(0);
  lastCreated = new Float64Array(0);

  /** Empties every run, for `shardCount` shards. */
  reset(shardCount: number): void {
    if (shardCount > this.shardCount) this.resize(shardCount, this.capacity);
    this.length.fill(0);
  }

  /** Index of the first group of shard `s` (its run is `start(s)` to `start(s) + length[s]`). */
  start(s: number): number {
    return s * this.capacity;
  }

  push(s: number, arrival: Micros, records: number, kds: number, bytes: number, ppu: number, billed: number, first: number, last: number): void {
    if (this.length[s] === this.capacity) this.resize(this.shardCount, this.capacity * 2);
    const i = s * this.capacity + this.length[s]++;
    this.arrival[i] = arrival;
    this.records[i] = records;
    this.kds[i] = kds;
    this.bytes[i] = bytes;
    this.ppu[i] = ppu;
    this.billed[i] = billed;
    this.firstCreated[i] = first;
    this.lastCreated[i] = last;
  }

  private resize(shardCount: number, capacity: number): void {
    const move = (from: Float64Array) => {
      const to = new Float64Array(shardCount * capacity);
      for (let s = 0; s < this.shardCount; s++) to.set(from.subarray(s * this.capacity, s * this.capacity + this.length[s]), s * capacity);
      return to;
    };
    this.arrival = move(this.arrival);
    this.records = move(this.records);
    this.kds = move(this.kds);
    this.bytes = move(this.bytes);
    this.ppu = move(this.ppu);
    this.billed = move(this.billed);
    this.firstCreated = move(this.firstCreated);
    this.lastCreated = move(this.lastCreated);
    const length = new Int32Array(shardCount);
    length.set(this.length);
    this.length = length;
    this.shardCount = shardCount;
    this.capacity = capacity;
  }
}
