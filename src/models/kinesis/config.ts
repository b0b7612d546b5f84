import { z } from 'zod';
import { byteRate, duration, namedSettings, positiveInt, positiveSize, upTo } from '../../scenario/types.ts';
import { SIZE_LIMITS } from '../../scenario/limits.ts';
import { INTERVAL } from '../../scenario/messages.ts';
import { formatDuration } from '../../engine/time.ts';
import * as L from './limits.ts';
import { kinesisPricesSchema } from './pricing.ts';

/**
 * `systems.kinesis` in a scenario file. Every limit and default of the model (values and sources in
 * ./limits.ts; prices in ./pricing.ts) is a default here that a scenario can override.
 */

const d = (micros: number) => formatDuration(micros);
const mib = (bytes: number) => `${bytes / (1024 * 1024)}MiB`;

const limitsSchema = z.strictObject({
  shardWriteBytesPerSec: byteRate.prefault(`${mib(L.SHARD_WRITE_BYTES_PER_SEC)}/s`).describe('Per-shard write bytes (keys included)'),
  shardWriteRecordsPerSec: positiveInt.default(L.SHARD_WRITE_RECORDS_PER_SEC),
  writeBurstSeconds: z.number().positive().default(L.SHARD_WRITE_BURST_SECONDS).describe('Depth of the write buckets in seconds of rate (AWS does not publish it)'),
  putRecordsMaxRecords: positiveInt.default(L.PUT_RECORDS_MAX_RECORDS),
  putRecordsMaxBytes: positiveSize.prefault(mib(L.PUT_RECORDS_MAX_BYTES)),
  shardReadCallsPerSec: z.number().positive().default(L.SHARD_READ_CALLS_PER_SEC),
  shardReadBytesPerSec: byteRate.prefault(`${mib(L.SHARD_READ_BYTES_PER_SEC)}/s`),
  shardReadRecordsPerSec: positiveInt.default(L.SHARD_READ_RECORDS_PER_SEC).describe('Per-shard read records/s (KDS records), shared by polling applications'),
  getRecordsMaxRecords: positiveInt.default(L.GET_RECORDS_MAX_RECORDS),
  getRecordsMaxBytes: positiveSize.prefault(mib(L.GET_RECORDS_MAX_BYTES)),
  readThrottleBackoff: duration.prefault(d(L.READ_THROTTLE_BACKOFF)),
  requestLatency: duration.prefault(d(L.REQUEST_LATENCY)).describe('Round trip of PutRecords/GetRecords (not published by AWS)'),
  maxShardsPerStream: upTo(SIZE_LIMITS.shards, 'shards').default(L.MAX_SHARDS_PER_STREAM),
  updateShardCountPer24h: positiveInt.default(L.UPDATE_SHARD_COUNT_PER_24H),
  reshardDuration: duration.prefault(d(L.RESHARD_DURATION)),
  retentionIncreaseDelay: duration.prefault(d(L.RETENTION_INCREASE_DELAY)),
  efoMaxConsumers: positiveInt.default(L.EFO_MAX_CONSUMERS),
});

const kplSchema = z.strictObject({
  aggregation: z.boolean().default(true),
  aggregationMaxSize: positiveSize.prefault(L.KPL_AGGREGATION_MAX_BYTES),
  collectionMaxCount: positiveInt.default(L.KPL_COLLECTION_MAX_RECORDS),
  collectionMaxSize: positiveSize.prefault(L.KPL_COLLECTION_MAX_BYTES),
  recordMaxBufferedTime: duration.prefault(d(L.KPL_RECORD_MAX_BUFFERED_TIME)),
  recordTtl: duration.prefault(d(L.KPL_RECORD_TTL)),
  rateLimit: z.number().positive().default(L.KPL_RATE_LIMIT_PERCENT).describe('% of the shard limit per producer'),
  failIfThrottled: z.boolean().default(false),
});

const sdkSchema = z.strictObject({
  batchInterval: duration.prefault(d(L.SDK_BATCH_INTERVAL)).describe('How long the application collects records per PutRecords call'),
  maxAttempts: positiveInt.default(L.SDK_MAX_ATTEMPTS),
  throttledBaseDelay: duration.prefault(d(L.SDK_THROTTLED_BASE_DELAY)),
  maxBackoff: duration.prefault(d(L.SDK_MAX_BACKOFF)),
  maxBufferedRecords: positiveInt.default(L.SDK_MAX_BUFFERED_RECORDS),
});

const kclSchema = z.strictObject({
  failoverTime: duration.refine((t) => t > L.KCL_MIN_FAILOVER_TIME, { error: INTERVAL.kclFailover }).prefault(d(L.KCL_FAILOVER_TIME)).describe('failoverTimeMillis'),
  checkpointInterval: duration.prefault(d(L.KCL_CHECKPOINT_INTERVAL)).describe('The record processor checkpoints this often'),
  checkpointEveryRecords: positiveInt.optional().describe('…or after this many records, whichever comes first'),
  parentShardPollInterval: duration.prefault(d(L.KCL_PARENT_SHARD_POLL_INTERVAL)),
  maxLeasesToSteal: positiveInt.default(L.KCL_MAX_LEASES_TO_STEAL),
  leaseItemBytes: positiveSize.prefault(L.KCL_LEASE_ITEM_BYTES),
});

const efoSchema = z.strictObject({
  bytesPerSecPerShard: byteRate.prefault(`${mib(L.EFO_BYTES_PER_SEC_PER_SHARD)}/s`),
  propagationDelay: duration.prefault(d(L.EFO_PROPAGATION_DELAY)),
  subscriptionLifetime: duration.prefault(d(L.EFO_SUBSCRIPTION_LIFETIME)),
});

const onDemandSchema = z.strictObject({
  initialWriteBytesPerSec: byteRate.prefault(`${L.ON_DEMAND_INITIAL_WRITE_BYTES_PER_SEC / 1e6}MB/s`),
  initialShards: upTo(SIZE_LIMITS.shards, 'shards').default(L.ON_DEMAND_INITIAL_SHARDS),
  peakMultiplier: z.number().min(1).default(L.ON_DEMAND_PEAK_MULTIPLIER),
  peakWindow: duration.prefault(d(L.ON_DEMAND_PEAK_WINDOW)),
  scalingDelay: duration.prefault(d(L.ON_DEMAND_SCALING_DELAY)),
  splitThresholdBytesPerSec: byteRate.prefault(`${L.ON_DEMAND_SPLIT_THRESHOLD_BYTES_PER_SEC / 1000}KB/s`),
  maxWriteBytesPerSec: byteRate.prefault(`${L.ON_DEMAND_MAX_WRITE_BYTES_PER_SEC / 1e9}GB/s`),
});

const autoscalingSchema = z
  .strictObject({
    targetUtilization: z.number().gt(0).max(1).describe('Shards are sized so write demand is this fraction of their limit'),
    scaleInDelay: duration.describe('Demand must stay low this long before shards are removed'),
    evaluationInterval: duration.prefault(d(L.METRIC_PERIOD)).describe('How often the policy looks at the 1-minute metrics'),
    minShards: upTo(SIZE_LIMITS.shards, 'shards').default(1),
    maxShards: upTo(SIZE_LIMITS.shards, 'shards').default(L.MAX_SHARDS_PER_STREAM),
  })
  .describe('A target-tracking policy calling UpdateShardCount within its limits (your policy, not an AWS default)');

const consumerSchema = z.strictObject({
  type: z.enum(['polling', 'efo']).default('polling'),
  pollInterval: duration.prefault(d(L.KCL_POLL_INTERVAL)).describe('KCL idleTimeBetweenReadsInMillis (1500 ms in KCL >= 2.5.4)'),
  maxRecords: positiveInt.max(L.GET_RECORDS_MAX_RECORDS).default(L.GET_RECORDS_MAX_RECORDS).describe('GetRecords Limit'),
});

export const kinesisConfigSchema = z.strictObject({
  mode: z.enum(['provisioned', 'on-demand']).default('provisioned'),
  shards: upTo(SIZE_LIMITS.shards, 'shards').default(4).describe('Shard count in provisioned mode'),
  retention: duration.prefault('24h').describe('24h (default) up to 365d'),
  maxRecordSize: positiveSize.prefault(mib(L.MAX_RECORD_BYTES)).describe('1MiB by default; up to 10MiB with UpdateMaxRecordSize'),
  producer: z
    .strictObject({
      client: z.enum(['kpl', 'sdk']).default('kpl'),
      explicitHashKeys: z.boolean().default(false).describe('Spread keys evenly over the hash space with ExplicitHashKey instead of MD5'),
    })
    .prefault({}),
  consumers: namedSettings(consumerSchema).prefault({}).describe('Per consumer application (by name): how it reads'),
  autoscaling: autoscalingSchema.optional(),
  limits: limitsSchema.prefault({}),
  kpl: kplSchema.prefault({}),
  sdk: sdkSchema.prefault({}),
  kcl: kclSchema.prefault({}),
  efo: efoSchema.prefault({}),
  onDemand: onDemandSchema.prefault({}),
  prices: kinesisPricesSchema.prefault({}).describe('USD price overrides (us-east-1 defaults in pricing.ts)'),
});

/** `kinesis:` actions on the timeline. */
export const kinesisActionSchema = z.strictObject({
  updateShardCount: upTo(SIZE_LIMITS.shards, 'shards').optional().describe('UpdateShardCount with UNIFORM_SCALING'),
  splitShard: z
    .strictObject({
      shard: z.string().describe('e.g. shardId-000000000001'),
      at: z.number().gt(0).lt(1).default(0.5).describe("NewStartingHashKey as a fraction of the parent's hash range"),
    })
    .optional(),
  mergeShards: z.tuple([z.string(), z.string()]).optional().describe('Two adjacent open shards'),
  retention: duration.optional().describe('Increase/DecreaseStreamRetentionPeriod'),
});

export type KinesisConfig = z.output<typeof kinesisConfigSchema>;
export type KinesisAction = z.output<typeof kinesisActionSchema>;
export type KinesisLimits = KinesisConfig['limits'];
export type ConsumerConfig = z.output<typeof consumerSchema>;

/** How an application not listed under `systems.kinesis.consumers` reads: KCL polling with the defaults. */
export const defaultConsumerConfig = (): ConsumerConfig => consumerSchema.parse({});
