import type { Micros } from '../../engine/time.ts';
import { COMMON, UNIT_LIMIT_BYTES_PER_SEC, appColumn, unitInBytes } from '../../simulation/series-contract.ts';
import type { KinesisModel } from './model.ts';

/**
 * Kinesis-native series columns, named as CloudWatch names the metrics ([DG-CW]),
 * each a total over the sample interval unless noted. Keep these names stable: the report reads them.
 */
export const CW = {
  incomingBytes: 'IncomingBytes',
  /** KDS records put (a KPL aggregate counts once), as CloudWatch counts them. */
  incomingRecords: 'IncomingRecords',
  writeThrottled: 'WriteProvisionedThroughputExceeded',
  putRecordsThrottled: 'PutRecords.ThrottledRecords',
  putRecordsTotal: 'PutRecords.TotalRecords',
  putRecordsSuccessful: 'PutRecords.SuccessfulRecords',
  readThrottled: 'ReadProvisionedThroughputExceeded',
  getRecordsBytes: 'GetRecords.Bytes',
  getRecordsRecords: 'GetRecords.Records',
  /** Maximum over the interval, all polling applications and shards, ms. */
  iteratorAge: 'GetRecords.IteratorAgeMilliseconds',
  subscribeEventBytes: 'SubscribeToShardEvent.Bytes',
  subscribeSuccess: 'SubscribeToShard.Success',
  /** Maximum over the interval, per application, ms (KCL's MillisBehindLatest; SubscribeToShardEvent.MillisBehindLatest for EFO). */
  millisBehindLatest: (app: string) => `MillisBehindLatest.${app}`,
  /** Open shards at the end of the interval. */
  shardCount: 'ShardCount',
  /** On-demand write capacity in force at the end of the interval, bytes/s. */
  onDemandCapacity: 'OnDemandWriteCapacityBytesPerSec',
  /** Retention in force, hours. */
  retentionHours: 'RetentionHours',
} as const;

export function sampleRow(model: KinesisModel, now: Micros, _interval: Micros, cumulativeCost: number): Record<string, number> {
  const row: Record<string, number> = {};
  const s = model.stats;
  row[COMMON.inRecords] = s.acceptedRecords.takeInterval();
  const inBytes = s.acceptedBytes.takeInterval();
  row[COMMON.inBytes] = inBytes;
  const throttled = s.throttledKdsRecords.takeInterval();
  row[COMMON.throttledWrites] = throttled;
  let outBytes = 0;
  let outRecords = 0;
  let readThrottled = 0;
  let pollBytes = 0;
  let pollRecords = 0;
  let efoBytes = 0;
  let iteratorAge = 0;
  let subscriptions = 0;
  for (const app of model.apps) {
    const p = app.progress;
    const bytes = p.readBytes.takeInterval();
    const records = p.readRecords.takeInterval();
    outBytes += bytes;
    outRecords += records;
    readThrottled += p.readThrottled.takeInterval();
    subscriptions += p.subscriptions.takeInterval();
    if (app.type === 'efo') efoBytes += bytes;
    else {
      pollBytes += bytes;
      pollRecords += records;
      iteratorAge = Math.max(iteratorAge, p.iteratorAgeMs);
    }
  }
  row[COMMON.outBytes] = outBytes;
  row[COMMON.outRecords] = outRecords;
  row[COMMON.throttledReads] = readThrottled;
  row[COMMON.lost] = 0;
  row[COMMON.cumulativeCost] = cumulativeCost;

  for (const app of model.apps) {
    const p = app.progress;
    row[appColumn.lagRecords(app.name)] = p.registered ? p.backlog() : 0;
    row[appColumn.lagMs(app.name)] = p.registered ? p.lagMsAt(now) : 0;
    const latency = p.latency.takeIntervalPercentilesMs();
    if (latency) {
      row[appColumn.latencyP50Ms(app.name)] = latency.p50;
      row[appColumn.latencyP99Ms(app.name)] = latency.p99;
      row[appColumn.latencyP999Ms(app.name)] = latency.p999;
    }
    p.readLatency.foldInterval();
    row[appColumn.expired(app.name)] = p.expired.takeInterval();
  }

  const open = model.stream.openCount;
  model.maxOpen = Math.max(model.maxOpen, open);
  const resources = new Map<string, number>();
  const seconds = _interval / 1_000_000;
  for (const shard of model.stream.shards) {
    if (shard.isOpen || shard.incomingBytes > 0 || (shard.closedAt !== undefined && shard.closedAt > now - _interval)) {
      row[unitInBytes(shard.id)] = shard.incomingBytes;
      // The shard's write limits: 1 MiB/s and 1,000 KDS records/s (a KPL aggregate counts once).
      resources.set(`${shard.id} write bytes`, shard.incomingBytes / (shard.writeBytes.ratePerSecond * seconds));
      resources.set(`${shard.id} write records`, shard.incomingKdsRecords / (shard.writeRecords.ratePerSecond * seconds));
    }
    shard.incomingBytes = 0;
    shard.incomingRecords = 0;
    shard.incomingKdsRecords = 0;
    shard.writeThrottledRecords = 0;
    shard.readThrottledCalls = 0;
  }
  row[UNIT_LIMIT_BYTES_PER_SEC] = model.config.limits.shardWriteBytesPerSec;

  row[CW.incomingBytes] = inBytes;
  const kdsIn = s.acceptedKdsRecords.takeInterval();
  row[CW.incomingRecords] = kdsIn;
  row[CW.writeThrottled] = throttled;
  row[CW.putRecordsThrottled] = throttled;
  row[CW.putRecordsTotal] = s.sentKdsRecords.takeInterval();
  row[CW.putRecordsSuccessful] = kdsIn;
  row[CW.readThrottled] = readThrottled;
  row[CW.getRecordsBytes] = pollBytes;
  row[CW.getRecordsRecords] = pollRecords;
  row[CW.iteratorAge] = iteratorAge;
  row[CW.subscribeEventBytes] = efoBytes;
  row[CW.subscribeSuccess] = subscriptions;
  for (const app of model.apps) {
    row[CW.millisBehindLatest(app.name)] = app.progress.millisBehindLatest;
    app.progress.millisBehindLatest = 0;
    app.progress.iteratorAgeMs = 0;
  }
  model.utilisation.record(resources, row);
  row[CW.shardCount] = open;
  if (model.onDemand) row[CW.onDemandCapacity] = model.onDemand.capacityBytesPerSec;
  row[CW.retentionHours] = model.stream.retentionAt(now) / 3_600_000_000;
  return row;
}
