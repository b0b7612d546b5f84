import { Counter, LatencyHistogram } from '../../engine/metrics.ts';
import type { Micros } from '../../engine/time.ts';
import type { Shard } from './shard.ts';
import type { Stream } from './stream.ts';

/** One application's progress on one shard, in sequence numbers (user records). */
export class ShardProgress {
  /** Every record before this was delivered, expired or skipped; the rest is backlog. */
  frontier: number;
  /** The last checkpoint (where a new lease owner resumes). */
  checkpoint: number;
  /** The application has read this closed shard to its end and checkpointed SHARD_END. */
  ended = false;
  lastCheckpointAt: Micros = 0;
  sinceCheckpoint = 0;

  constructor(start: number) {
    this.frontier = start;
    this.checkpoint = start;
  }
}

/**
 * What one consumer application has done with the stream, shard by shard: the bookkeeping behind
 * its line of the summary (docs/design.md#conservation: accepted = delivered + expired + backlog, plus
 * `skipped` for an application that started from LATEST). Records processed again after a restart
 * from a checkpoint are duplicates, never delivered twice.
 */
export class AppProgress {
  readonly shards: (ShardProgress | undefined)[] = [];
  readonly delivered = new Counter();
  readonly duplicates = new Counter();
  readonly expired = new Counter();
  readonly deliveredBytes = new Counter();
  /** Bytes read from the stream (re-reads included): GetRecords.Bytes or SubscribeToShardEvent.Bytes. */
  readonly readBytes = new Counter();
  readonly readRecords = new Counter();
  /** Bytes read that were older than 7 days (billed as long-term retrieval). */
  longTermReadBytes = 0;
  /** SubscribeToShard calls (enhanced fan-out). */
  readonly subscriptions = new Counter();
  skipped = 0;
  registered = false;
  /** End-to-end: creation at the producer to processed. */
  readonly latency = new LatencyHistogram();
  /** Arrival at the shard to the records reaching the application (GetRecords response or push event). */
  readonly readLatency = new LatencyHistogram();
  /** Interval maxima of CloudWatch's MillisBehindLatest and GetRecords.IteratorAgeMilliseconds, ms. */
  millisBehindLatest = 0;
  iteratorAgeMs = 0;
  lagMaxMs = 0;
  readThrottled = new Counter();
  getRecordsCalls = new Counter();

  constructor(
    readonly name: string,
    private readonly stream: Stream,
    private readonly fromLatest: boolean,
  ) {}

  /** Starts tracking: from the first record (earliest), or from the tip of every shard (latest). */
  register(): void {
    this.registered = true;
    for (const shard of this.stream.shards) this.add(shard, this.fromLatest);
  }

  /** A shard created after registration is read from its start. */
  add(shard: Shard, atTip = false): void {
    const start = atTip ? shard.log.tip : 0;
    this.skipped += start;
    this.shards[shard.index] = new ShardProgress(start);
  }

  /** Retention moved a shard's trim point: records this application never reached are expired. */
  onTrim(shard: Shard): void {
    const p = this.shards[shard.index];
    if (!p) return;
    const trimPoint = shard.log.trimPoint;
    if (p.frontier < trimPoint) {
      this.expired.add(trimPoint - p.frontier);
      p.frontier = trimPoint;
    }
  }

  /** Records [from, from + count) of a shard were processed. */
  processed(shardIndex: number, from: number, count: number, bytes: number): void {
    const p = this.shards[shardIndex]!;
    const end = from + count;
    const fresh = Math.max(0, end - Math.max(from, p.frontier));
    this.delivered.add(fresh);
    this.duplicates.add(count - fresh);
    this.deliveredBytes.add(bytes);
    if (end > p.frontier) p.frontier = end;
  }

  /** Records not yet delivered (nor expired, nor skipped). */
  backlog(): number {
    let total = 0;
    this.shards.forEach((p, i) => {
      if (p) total += this.stream.shards[i].log.tip - p.frontier;
    });
    return total;
  }

  /** Age of the oldest record not yet delivered, over all shards (0 when caught up), in ms. */
  lagMsAt(now: Micros): number {
    let worst = 0;
    this.shards.forEach((p, i) => {
      if (!p) return;
      const log = this.stream.shards[i].log;
      if (p.frontier < log.tip) worst = Math.max(worst, now - log.arrivalAt(Math.max(p.frontier, log.trimPoint)));
    });
    return worst / 1000;
  }
}
