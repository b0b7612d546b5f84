import { uniformRanges, MAX_HASH_KEY, type HashRange } from './routing.ts';
import { shardIdOf } from './shard.ts';

/** A shard as resharding sees it: its hash range, its parents, and whether it is open. */
export interface ShardDesc {
  index: number;
  id: string;
  range: HashRange;
  parents: number[];
  open: boolean;
}

/** What a resharding operation did: the shards it closed and the ones it created. */
export interface TopologyChange {
  closed: number[];
  created: ShardDesc[];
}

/**
 * The shards of a stream and how resharding changes them, with no simulation attached, so the
 * scenario check (validate) and the running model apply exactly the same rules. Shard ids are
 * numbered in creation order, as Kinesis numbers them.
 */
export class Topology {
  readonly shards: ShardDesc[] = [];

  constructor(initialShards: number) {
    for (const range of uniformRanges(initialShards)) this.create(range, []);
  }

  /** Open shards, ordered by starting hash key. */
  open(): ShardDesc[] {
    return this.shards.filter((s) => s.open).sort((a, b) => (a.range.start < b.range.start ? -1 : 1));
  }

  get openCount(): number {
    return this.shards.reduce((n, s) => n + (s.open ? 1 : 0), 0);
  }

  byId(id: string): ShardDesc | undefined {
    return this.shards.find((s) => s.id === id);
  }

  /**
   * UpdateShardCount with UNIFORM_SCALING: the open shards close and `target` shards with even ranges
   * take over, each child listing the old shards its range overlaps as parents. (Kinesis reaches the
   * same end state through a series of splits and merges; the intermediate short-lived shards are not
   * modelled.)
   */
  uniform(target: number): TopologyChange {
    const old = this.open();
    for (const s of old) s.open = false;
    const created = uniformRanges(target).map((range) =>
      this.create(
        range,
        old.filter((p) => p.range.start <= range.end && p.range.end >= range.start).map((p) => p.index),
      ),
    );
    return { closed: old.map((s) => s.index), created };
  }

  /** SplitShard at a fraction of the parent's range (NewStartingHashKey). */
  split(parent: ShardDesc, fraction: number): TopologyChange {
    const width = parent.range.end - parent.range.start + 1n;
    const scale = 1_000_000_000n;
    let at = parent.range.start + (width * BigInt(Math.round(fraction * 1e9))) / scale;
    if (at <= parent.range.start) at = parent.range.start + 1n;
    if (at > parent.range.end) at = parent.range.end;
    parent.open = false;
    const a = this.create({ start: parent.range.start, end: at - 1n }, [parent.index]);
    const b = this.create({ start: at, end: parent.range.end }, [parent.index]);
    return { closed: [parent.index], created: [a, b] };
  }

  /** MergeShards of two adjacent open shards. */
  merge(a: ShardDesc, b: ShardDesc): TopologyChange {
    const [lo, hi] = a.range.start < b.range.start ? [a, b] : [b, a];
    lo.open = false;
    hi.open = false;
    const child = this.create({ start: lo.range.start, end: hi.range.end }, [lo.index, hi.index]);
    return { closed: [lo.index, hi.index], created: [child] };
  }

  /** MergeShards needs contiguous hash ranges ([API] MergeShards). */
  static adjacent(a: ShardDesc, b: ShardDesc): boolean {
    return a.range.end + 1n === b.range.start || b.range.end + 1n === a.range.start;
  }

  private create(range: HashRange, parents: number[]): ShardDesc {
    const index = this.shards.length;
    const desc: ShardDesc = { index, id: shardIdOf(index), range, parents, open: true };
    this.shards.push(desc);
    return desc;
  }
}

export { MAX_HASH_KEY };
