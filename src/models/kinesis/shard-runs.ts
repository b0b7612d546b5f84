import type { Micros } from '../../engine/time.ts';

const NO_INTS = new Int32Array(0);
const NO_DOUBLES = new Float64Array(0);

/**
 * A producer client's groups of records by shard (see ProducerClient.group): for each shard, a run
 * of its groups in send order, one group per send with records for it. A group has the arrival
 * time of its send, user records, KDS records, KDS bytes, PUT payload units, on-demand billed bytes,
 * and the first and last creation time. Fields are parallel typed arrays with a stretch of
 * `capacity` groups per shard, so grouping a window allocates nothing; they are views of one array
 * (`storage`), the 8 fields one after another, which is how a record feed's blocks hold runs.
 */
export class ShardRuns {
  /** Groups each shard's stretch can hold. */
  capacity = 0;
  shardCount = 0;
  // Shared empty arrays until the first reset (views made by `over` never need their own).
  /** The array the fields are views of, each from GROUP_FIELD[field] × shardCount × capacity. */
  storage: Float64Array = NO_DOUBLES;
  length: Int32Array = NO_INTS;
  arrival: Float64Array = NO_DOUBLES;
  records: Float64Array = NO_DOUBLES;
  kds: Float64Array = NO_DOUBLES;
  bytes: Float64Array = NO_DOUBLES;
  ppu: Float64Array = NO_DOUBLES;
  billed: Float64Array = NO_DOUBLES;
  firstCreated: Float64Array = NO_DOUBLES;
  lastCreated: Float64Array = NO_DOUBLES;

  /** Empties every run, with room for `sends` groups per shard for `shardCount` shards. */
  reset(shardCount: number, sends: number): void {
    if (shardCount > this.shardCount || sends > this.capacity) {
      this.shardCount = Math.max(shardCount, this.shardCount);
      this.capacity = Math.max(sends, this.capacity * 2, 16);
      this.length = new Int32Array(this.shardCount);
      this.viewFields(new Float64Array(ShardRuns.doublesFor(this.shardCount, this.capacity)));
    } else {
      this.length.fill(0);
    }
  }

  /** Index of the first group of shard `s` (its run is `start(s)` to `start(s) + length[s]`). */
  start(s: number): number {
    return s * this.capacity;
  }

  /** Starts shard `s`'s group of the current send, whose first record was created at `created`; returns its index. */
  open(s: number, created: number): number {
    const i = s * this.capacity + this.length[s];
    this.records[i] = 0;
    this.kds[i] = 0;
    this.bytes[i] = 0;
    this.ppu[i] = 0;
    this.billed[i] = 0;
    this.firstCreated[i] = created;
    this.lastCreated[i] = created;
    return i;
  }

  /** Ends shard `s`'s group of the current send, which arrives at the shard at `arrival`. */
  close(s: number, arrival: Micros): void {
    this.arrival[s * this.capacity + this.length[s]++] = arrival;
  }

  /** Appends `other`'s groups `from` to `to` of shard `s` to this one's run of shard `s` (groups of later sends). */
  appendRange(other: ShardRuns, s: number, from: number, to: number): void {
    // Ranges are a few groups: a plain loop, not a subarray and a copy per field.
    for (let i = from, at = this.start(s) + this.length[s]; i < to; i++, at++) {
      this.arrival[at] = other.arrival[i];
      this.records[at] = other.records[i];
      this.kds[at] = other.kds[i];
      this.bytes[at] = other.bytes[i];
      this.ppu[at] = other.ppu[i];
      this.billed[at] = other.billed[i];
      this.firstCreated[at] = other.firstCreated[i];
      this.lastCreated[at] = other.lastCreated[i];
    }
    this.length[s] += to - from;
  }

  /**
   * Runs stored in `groups` (the 8 group fields one after another, `shardCount` × `capacity` each)
   * with their lengths in `lengths`: views, not copies (a record feed's blocks are made of them).
   */
  static over(groups: Float64Array<ArrayBuffer>, lengths: Int32Array<ArrayBuffer>, shardCount: number, capacity: number): ShardRuns {
    const runs = new ShardRuns();
    runs.shardCount = shardCount;
    runs.capacity = capacity;
    runs.length = lengths;
    runs.viewFields(groups);
    return runs;
  }

  /** Makes the fields views of `storage` (one plain store per field: this runs for every stretch of a feed). */
  private viewFields(storage: Float64Array): void {
    const n = this.shardCount * this.capacity;
    const field = (f: number) => storage.subarray(f * n, (f + 1) * n);
    this.storage = storage;
    this.arrival = field(GROUP_FIELD.arrival);
    this.records = field(GROUP_FIELD.records);
    this.kds = field(GROUP_FIELD.kds);
    this.bytes = field(GROUP_FIELD.bytes);
    this.ppu = field(GROUP_FIELD.ppu);
    this.billed = field(GROUP_FIELD.billed);
    this.firstCreated = field(GROUP_FIELD.firstCreated);
    this.lastCreated = field(GROUP_FIELD.lastCreated);
  }

  /**
   * Copies these runs into `groups` from `at` and their lengths into `lengths` from `lengthsAt`,
   * laid out as `over` reads them (for runs made by `reset` of the same shard count and capacity).
   */
  storeInto(groups: Float64Array, at: number, lengths: Int32Array, lengthsAt: number): void {
    groups.set(this.storage, at);
    lengths.set(this.length, lengthsAt);
  }

  /** The inverse of `storeInto`: these runs become a copy of the ones stored there. */
  loadFrom(groups: Float64Array, at: number, lengths: Int32Array, lengthsAt: number): void {
    this.storage.set(groups.subarray(at, at + this.storage.length));
    this.length.set(lengths.subarray(lengthsAt, lengthsAt + this.shardCount));
  }

  /** Doubles `over` takes for `shardCount` runs of `capacity` groups. */
  static doublesFor(shardCount: number, capacity: number): number {
    return GROUP_FIELD_COUNT * shardCount * capacity;
  }
}

/** Where each field of a group lies in a ShardRuns' storage, in units of shardCount × capacity. */
export const GROUP_FIELD = { arrival: 0, records: 1, kds: 2, bytes: 3, ppu: 4, billed: 5, firstCreated: 6, lastCreated: 7 } as const;
const GROUP_FIELD_COUNT = 8;

/** Each shard's groups in a window: `runs`' groups `from[s]` to `to[s]` (a whole run, or part of one). */
export class RunWindow {
  runs = new ShardRuns();
  shardCount = 0;
  from = new Int32Array(0);
  to = new Int32Array(0);

  /** The window is the whole of each shard's run in `runs`. */
  cover(runs: ShardRuns): void {
    this.use(runs);
    for (let s = 0; s < runs.shardCount; s++) {
      this.from[s] = runs.start(s);
      this.to[s] = this.from[s] + runs.length[s];
    }
  }

  /** The window is part of `runs`; the caller sets `from` and `to`. */
  use(runs: ShardRuns): void {
    this.runs = runs;
    this.shardCount = runs.shardCount;
    if (this.from.length < runs.shardCount) {
      this.from = new Int32Array(runs.shardCount * 2);
      this.to = new Int32Array(runs.shardCount * 2);
    }
  }
}
