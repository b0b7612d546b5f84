import { describe, expect, it } from 'vitest';
import { PartitionLog } from '../../../src/models/kafka/partition-log.ts';

const MiB = 1024 * 1024;
const SEC = 1_000_000;

/** A log with 1 MiB segments, fed 100 batches of 10 records x 100 KiB (10 segments' worth), one per second. */
function filledLog(): PartitionLog {
  const log = new PartitionLog(1 * MiB, 7 * 24 * 3600 * SEC);
  for (let i = 0; i < 100; i++) log.append(10, 100 * 1024, i * SEC, i * SEC + 900_000, i * SEC, true, false);
  log.commitTo(log.endOffset, { onCommit() {} }, 0);
  return log;
}

describe('partition log', () => {
  it('rolls a segment when the next batch would pass segment.bytes (10 batches of 100 KiB per 1 MiB segment)', () => {
    const log = filledLog();
    // 10 segments of 1,000 KiB. Kafka deletes the oldest while size - its size >= retention.bytes (5,120 KiB):
    // 10,000 -> 9,000 -> 8,000 -> 7,000 -> 6,000 KiB, then 6,000 - 1,000 < 5,120 stops: 4 segments go.
    const start = log.deletableUpTo(Number.NEGATIVE_INFINITY, 5 * MiB, log.endOffset);
    expect(start).toBe(400);
  });

  it('time retention deletes only whole closed segments whose newest record is older than retention', () => {
    const log = filledLog();
    // Records of the first 25 seconds are past retention: segments [0,100) and [100,200) go; [200,300) holds 29.9 s.
    expect(log.deletableUpTo(25 * SEC, undefined, log.endOffset)).toBe(200);
  });

  it('never deletes above the high watermark', () => {
    const log = filledLog();
    expect(log.deletableUpTo(1000 * SEC, undefined, 250)).toBe(200);
  });

  it('counts unique accepted records, skipping extra copies', () => {
    const log = new PartitionLog(MiB, SEC * 1000);
    log.append(10, 1000, 0, 10, 0, true, false);
    log.append(10, 1000, 0, 10, 0, true, true); // a retry's duplicate copy
    log.append(10, 1000, 0, 10, 0, true, false);
    expect(log.countAccepted(0, 30)).toBe(20);
    expect(log.countAccepted(5, 25)).toBe(10);
  });

  it('truncation to a new leader\'s end removes what only the old leader had, splitting a merged chunk', () => {
    const log = filledLog();
    const removed = log.truncateTo(995);
    expect(log.endOffset).toBe(995);
    expect(removed.reduce((a, c) => a + c.count, 0)).toBe(5);
    expect(log.bytesAt(995)).toBeCloseTo(99.5 * 100 * 1024, 0);
  });

  it('reads interpolate creation times inside a chunk', () => {
    const log = new PartitionLog(MiB, SEC * 1000);
    log.append(11, 1100, 0, 1000, 0, true, false);
    expect(log.timeAt(5)).toBe(500);
    const out: Parameters<PartitionLog['read']>[4] = [];
    log.read(0, 11, 550, false, out);
    expect(out).toHaveLength(1);
    expect(out[0].to).toBe(11); // the first slice is always whole enough to progress
  });
});
