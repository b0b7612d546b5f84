import { describe, expect, it } from 'vitest';
import { ShardLog } from '../../../src/models/kinesis/shard-log.ts';

describe('shard log', () => {
  it('a run of appends (appendRun) leaves the log exactly as the same appends one by one, across chunk boundaries', () => {
    // 300 sends 100 ms apart into chunks of 1 s: runs that join the newest chunk and runs that open new ones.
    const n = 300;
    const arrival = Float64Array.from({ length: n }, (_, i) => 50_000 + i * 100_000);
    const records = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 7) % 5));
    const kds = Float64Array.from(records, (r, i) => (i % 3 === 0 ? 1 : r));
    const bytes = Float64Array.from(records, (r, i) => r * 35_000 + i);
    const firstCreated = Float64Array.from(arrival, (a) => a - 140_000);
    const lastCreated = Float64Array.from(arrival, (a, i) => a - 40_000 - (i % 4) * 1_000);
    const oneByOne = new ShardLog(1_000_000);
    const inRuns = new ShardLog(1_000_000);
    for (let i = 0; i < n; i++) oneByOne.append(records[i], kds[i], bytes[i], firstCreated[i], lastCreated[i], arrival[i]);
    for (let from = 0; from < n; from += 37) inRuns.appendRun(records, kds, bytes, firstCreated, lastCreated, arrival, from, Math.min(n, from + 37));
    expect(inRuns).toEqual(oneByOne);
    expect(inRuns.chunkCount).toBe(30);
    // What readers see: reads from the middle of a chunk, and at the tip, which uses the newest append's own times.
    const pieces = (log: ShardLog, from: number) => {
      const out: number[][] = [];
      log.read(from, 10_000, 10_000, 10 * 1024 * 1024, (...piece) => out.push(piece));
      return out;
    };
    for (const from of [0, 123, oneByOne.tip - 3]) expect(pieces(inRuns, from)).toEqual(pieces(oneByOne, from));
  });
});
