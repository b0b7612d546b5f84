import { EXTENDED_RETENTION_LIMIT } from './limits.ts';
import { ShardConsumer } from './shard-consumer.ts';

/**
 * A KCL polling (shared-throughput) reader of one shard: a GetRecords call, then the batch is
 * processed, then the reader waits `pollInterval` (idleTimeBetweenReadsInMillis) before the next call.
 * Every polling application of a shard draws on the same 5 calls/s, 2 MiB/s and 2,000 records/s
 * ([API] GetRecords, [Q-CUR]): a call finding any of them exhausted is
 * throttled (ProvisionedThroughputExceeded, no data) and the reader waits `readThrottleBackoff`. A
 * call returning up to 10 MiB or 10,000 records borrows against the budget, so the next calls are
 * throttled until it is repaid.
 */
export class PollingReader extends ShardConsumer {
  protected run(): void {
    this.poll();
  }

  private readonly poll = (): void => {
    this.settle();
    if (!this.alive) return;
    const sim = this.app.sim;
    const now = sim.now;
    const shard = this.shard;
    const limits = this.app.config.limits;
    const progress = this.app.progress;
    this.app.stream.trimShard(shard, now);
    if (this.position < shard.log.trimPoint) this.position = shard.log.trimPoint;
    if (this.endIfDrained(now)) return;
    progress.getRecordsCalls.add(1);
    if (!shard.readCalls.tryTake(1, now) || shard.readBytes.available(now) <= 0 || shard.readRecords.available(now) <= 0) {
      shard.readThrottledCalls++;
      progress.readThrottled.add(1);
      this.next = sim.schedule(limits.requestLatency + limits.readThrottleBackoff, this.poll);
      return;
    }
    const receivedAt = now + limits.requestLatency;
    const n = this.readBatch(this.app.consumer.maxRecords, limits.getRecordsMaxBytes, receivedAt);
    let nextAt = receivedAt;
    if (n > 0) {
      const bytes = this.lastBatchBytes;
      shard.readBytes.forceTake(bytes, now);
      shard.readRecords.forceTake(shard.log.lastReadKds, now);
      progress.readBytes.add(bytes);
      progress.readRecords.add(n);
      if (now > EXTENDED_RETENTION_LIMIT) progress.longTermReadBytes += this.batchBytesOlderThan(EXTENDED_RETENTION_LIMIT, now);
      progress.iteratorAgeMs = Math.max(progress.iteratorAgeMs, (now - this.lastBatchNewestArrival) / 1000);
      nextAt = this.batchDoneAt;
    }
    progress.millisBehindLatest = Math.max(progress.millisBehindLatest, this.millisBehindLatest());
    this.next = sim.at(nextAt + this.app.consumer.pollInterval, this.poll);
  };
}
