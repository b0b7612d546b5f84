import { createHash, hash } from 'node:crypto';

/**
 * Partition key -> shard. Kinesis takes MD5 of the partition key as a 128-bit unsigned integer and
 * sends the record to the open shard whose HashKeyRange holds it; ExplicitHashKey overrides the MD5
 * ([API] PutRecord). BigInt is used only when ranges are made (setup and resharding);
 * per record the hash is four 32-bit words compared against the shards' starting keys.
 */

export const HASH_SPACE = 1n << 128n;
export const MAX_HASH_KEY = HASH_SPACE - 1n;

export interface HashRange {
  start: bigint;
  end: bigint;
}

/** The 128-bit hash key of a partition key: MD5, read big-endian. */
export function md5HashKey(partitionKey: string): bigint {
  return BigInt('0x' + createHash('md5').update(partitionKey, 'utf8').digest('hex'));
}

/** `toWords(md5HashKey(partitionKey), into, offset)` without the BigInt (every key of a run is hashed once). */
function md5Words(partitionKey: string, into: Uint32Array, offset: number): void {
  const digest = hash('md5', partitionKey, 'buffer'); // one call: half the time of createHash for a short key
  for (let i = 0; i < 4; i++) into[offset + i] = digest.readUInt32BE(4 * i);
}

/** `count` contiguous ranges covering `range` evenly, as UpdateShardCount's uniform scaling makes them. */
export function uniformRanges(count: number, range: HashRange = { start: 0n, end: MAX_HASH_KEY }): HashRange[] {
  const width = range.end - range.start + 1n;
  const ranges: HashRange[] = [];
  for (let i = 0n; i < BigInt(count); i++) {
    const start = range.start + (width * i) / BigInt(count);
    const end = range.start + (width * (i + 1n)) / BigInt(count) - 1n;
    ranges.push({ start, end });
  }
  return ranges;
}

export function toWords(value: bigint, into: Uint32Array, offset: number): void {
  for (let i = 3; i >= 0; i--) {
    into[offset + i] = Number(value & 0xffffffffn);
    value >>= 32n;
  }
}

/** a < b for two 128-bit keys stored as four big-endian words. */
function lessThan(a: Uint32Array, ai: number, b: Uint32Array, bi: number): boolean {
  for (let i = 0; i < 4; i++) {
    const x = a[ai + i];
    const y = b[bi + i];
    if (x !== y) return x < y;
  }
  return false;
}

/** Routes hash keys to the open shards, whose ranges tile the whole key space. */
export class HashRouter {
  private starts: Uint32Array;

  /** `shards` are the open shards' indexes in the stream, sorted by starting hash key. */
  constructor(private readonly shards: number[], ranges: HashRange[]) {
    this.starts = new Uint32Array(ranges.length * 4);
    ranges.forEach((r, i) => toWords(r.start, this.starts, i * 4));
  }

  /** The stream index of the open shard holding the hash key at `words[offset..offset+3]`. */
  route(words: Uint32Array, offset: number): number {
    let lo = 0;
    let hi = this.shards.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lessThan(words, offset, this.starts, mid * 4)) hi = mid - 1;
      else lo = mid;
    }
    return this.shards[lo];
  }
}

/** Every key's route code and what the codes name (see KeyRouting.allRoutes). */
export interface KeyRoutes {
  routeOf: Uint8Array | Uint16Array;
  routeShard: Int32Array;
  routeKeyBytes: Int32Array;
  /** Codes in use: 1 to `codes`. */
  codes: number;
}

/**
 * The hash keys of one producer's keys, computed on first use, and each key's current shard (reset
 * when shards change). Memory is fixed per key, never per record.
 *
 * The per-record lookup is one read of a route code per key: a code names a (shard, partition key
 * bytes) pair in two small tables. With 100,000 keys drawn at random these reads miss the CPU's
 * nearest caches, so the table is kept small: one byte per key while there are at most 255 pairs
 * (a few dozen shards), two bytes beyond. This lookup is the largest single cost of the write path.
 */
export class KeyRouting {
  private readonly hashes: Uint32Array;
  private readonly hashed: Uint8Array;
  /** Route code per key index; 0 when not yet routed under the current shard layout. */
  routeOf: Uint8Array | Uint16Array;
  /** Codes `routeOf` can hold (the last one is the uncached spare). */
  private codeLimit = 256;
  /** Shard index and partition key bytes of each route code (code 0 unused). */
  readonly routeShard = new Int32Array(MAX_ROUTE_CODES);
  readonly routeKeyBytes = new Int32Array(MAX_ROUTE_CODES);
  private readonly codeOf = new Map<number, number>();
  /** Partition key bytes (UTF-8) per key index; they count against the write limit. */
  readonly keyBytes: Uint16Array;

  constructor(
    private readonly keyCount: number,
    private readonly keyName: (k: number) => string,
    private readonly explicitHashKeys: boolean,
  ) {
    this.hashes = new Uint32Array(keyCount * 4);
    this.hashed = new Uint8Array(keyCount);
    this.routeOf = new Uint8Array(keyCount);
    this.keyBytes = new Uint16Array(keyCount);
  }

  /**
   * The route of every key, each resolved now if it was not: what `adopt` takes, so that another
   * KeyRouting of the same keys and shards routes them without hashing them again.
   */
  allRoutes(router: HashRouter): KeyRoutes {
    for (let k = 0; k < this.keyCount; k++) if (this.routeOf[k] === 0) this.resolve(k, router);
    return { routeOf: this.routeOf, routeShard: this.routeShard, routeKeyBytes: this.routeKeyBytes, codes: this.codeOf.size };
  }

  /** Takes the routes another KeyRouting of the same keys and shards made (see allRoutes). */
  adopt(routes: KeyRoutes): void {
    this.routeOf = routes.routeOf;
    this.codeLimit = routes.routeOf instanceof Uint16Array ? MAX_ROUTE_CODES : 256;
    this.routeShard.set(routes.routeShard);
    this.routeKeyBytes.set(routes.routeKeyBytes);
    this.codeOf.clear();
    for (let code = 1; code <= routes.codes; code++) this.codeOf.set(routes.routeShard[code] * 65_536 + routes.routeKeyBytes[code], code);
  }

  /** Forget every key's shard (after a reshard). */
  invalidate(): void {
    this.routeOf.fill(0);
    this.codeOf.clear();
  }

  /** The route code of key `k` (slow path: hash it if needed and search the ranges). */
  resolve(k: number, router: HashRouter): number {
    if (this.hashed[k] === 0) {
      const name = this.keyName(k);
      this.keyBytes[k] = Buffer.byteLength(name, 'utf8');
      if (this.explicitHashKeys) toWords(explicitHashKey(k, this.keyCount), this.hashes, k * 4);
      else md5Words(name, this.hashes, k * 4);
      this.hashed[k] = 1;
    }
    const shard = router.route(this.hashes, k * 4);
    const keyBytes = this.keyBytes[k];
    const pair = shard * 65_536 + keyBytes;
    let code = this.codeOf.get(pair);
    if (code === undefined) {
      code = this.codeOf.size + 1;
      if (code >= this.codeLimit - 1 && this.codeLimit < MAX_ROUTE_CODES) {
        // More pairs than a byte can name: two bytes per key from now on.
        this.routeOf = Uint16Array.from(this.routeOf);
        this.codeLimit = MAX_ROUTE_CODES;
      }
      if (code >= this.codeLimit - 1) {
        // Every code taken (tens of thousands of shard and key-length pairs): this key is not cached and
        // takes this slow path each time; the spare last code carries its answer.
        code = MAX_ROUTE_CODES - 1;
        this.routeShard[code] = shard;
        this.routeKeyBytes[code] = keyBytes;
        return code;
      }
      this.codeOf.set(pair, code);
      this.routeShard[code] = shard;
      this.routeKeyBytes[code] = keyBytes;
    }
    this.routeOf[k] = code;
    return code;
  }
}

/** Route codes a Uint16Array can hold (0 means unrouted; the last one is the uncached spare). */
const MAX_ROUTE_CODES = 65_536;

/** ExplicitHashKey that spreads key k of n evenly over the key space (the middle of its slice). */
export function explicitHashKey(k: number, n: number): bigint {
  return (HASH_SPACE * BigInt(2 * k + 1)) / BigInt(2 * n);
}
