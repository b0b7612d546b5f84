import { describe, expect, it } from 'vitest';
import { HashRouter, KeyRouting, md5HashKey, uniformRanges } from '../../../src/models/kinesis/routing.ts';

describe('key routing', () => {
  // 400 shards and keys of 1 to 3 digits make up to 1,200 (shard, key length) pairs: more than a
  // byte of route code can name, so the table widens to two bytes partway through.
  const shards = 400;
  const ranges = uniformRanges(shards);
  const router = new HashRouter(ranges.map((_, i) => i), ranges);
  const keyName = (k: number) => String(k);
  const expected = (k: number) => {
    const hash = md5HashKey(keyName(k));
    return ranges.findIndex((r) => r.start <= hash && hash <= r.end);
  };

  it('sends every key to the shard whose hash-key range holds its MD5, before and after the route table widens', () => {
    const routing = new KeyRouting(1000, keyName, false);
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < 1000; k++) {
        const code = routing.routeOf[k] || routing.resolve(k, router);
        expect(routing.routeShard[code]).toBe(expected(k));
        expect(routing.routeKeyBytes[code]).toBe(keyName(k).length);
      }
    }
    expect(routing.routeOf).toBeInstanceOf(Uint16Array);
  });
});
