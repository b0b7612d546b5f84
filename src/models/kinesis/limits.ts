import { HOUR, MILLISECOND, MINUTE, SECOND, DAY } from '../../engine/time.ts';

/**
 * Every limit and default of the Kinesis model, each beside its source: tags such as [Q-CUR] stand
 * for the AWS pages and source files listed in docs/models/kinesis.md#sources. Each one is a
 * default that a scenario overrides under `systems.kinesis.limits`, `.kpl`, `.kcl`, `.sdk`, `.efo`
 * or `.onDemand` (see ./config.ts).
 */

const MiB = 1024 * 1024;

// ---- Writes (docs/models/kinesis.md#writes) ----

/** Per-shard write limit, bytes (partition keys included). [Q-CUR], [API] PutRecords. */
export const SHARD_WRITE_BYTES_PER_SEC = MiB;
/** Per-shard write limit, records. [Q-CUR], [API] PutRecords. */
export const SHARD_WRITE_RECORDS_PER_SEC = 1000;
/**
 * How many seconds of the write rate a shard may absorb at once. AWS does not publish the burst
 * depth of its write buckets; one second is the least that lets a full 1 MiB record through.
 */
export const SHARD_WRITE_BURST_SECONDS = 1;
/** Largest record (data + partition key) by default. [Q-CUR], [LR]. */
export const MAX_RECORD_BYTES = MiB;
/** Largest record a stream can opt into with UpdateMaxRecordSize (10240 KiB). [LR], [API]. */
export const MAX_RECORD_BYTES_LARGE = 10 * MiB;
/** Records per PutRecords call. [API] PutRecordsRequestEntryList max 500. */
export const PUT_RECORDS_MAX_RECORDS = 500;
/** Bytes per PutRecords call (10 MiB since 2025-10-27; 5 MiB before). [API] PutRecords. */
export const PUT_RECORDS_MAX_BYTES = 10 * MiB;
/** Partition key length limit, characters. [API] PartitionKey max 256. */
export const PARTITION_KEY_MAX_CHARS = 256;
/**
 * Round trip of a PutRecords or GetRecords call. AWS publishes no figure;
 * CloudWatch's PutRecords.Latency / GetRecords.Latency show your own. 20 ms is a stated assumption for
 * a same-region HTTPS call: measure yours and override `limits.requestLatency`.
 */
export const REQUEST_LATENCY = 20 * MILLISECOND;

// ---- Reads, polling (docs/models/kinesis.md#reads) ----

/** GetRecords calls per second per shard, shared by all polling consumers. [API], [Q-CUR]. */
export const SHARD_READ_CALLS_PER_SEC = 5;
/** Read bandwidth per shard, shared by all polling consumers. [API], [DG-CONS]. */
export const SHARD_READ_BYTES_PER_SEC = 2 * MiB;
/**
 * Records read per second per shard, shared by all polling consumers: "up to 2 MB/sec or 2,000
 * records/sec read throughput" ([Q-CUR]). Counted in KDS records (an aggregate is one), and a
 * call of up to 10,000 records borrows against it as a large read does against the byte budget.
 */
export const SHARD_READ_RECORDS_PER_SEC = 2_000;
/** Most records one GetRecords call returns. [API] Limit max 10,000. */
export const GET_RECORDS_MAX_RECORDS = 10_000;
/**
 * Most bytes one GetRecords call returns; such a call borrows against the 2 MiB/s budget, so calls in
 * the next 5 seconds are throttled ([API] GetRecords): the read-bytes bucket may go 8 MiB into debt.
 */
export const GET_RECORDS_MAX_BYTES = 10 * MiB;
/** "we recommend that you wait 1 second between calls" after a throttled GetRecords. [API] GetRecords. */
export const READ_THROTTLE_BACKOFF = SECOND;

// ---- KCL (docs/models/kinesis.md#reads) ----

/** idleTimeBetweenReadsInMillis: 1,500 ms in KCL >= 2.5.4 and 3.x (1,000 ms before). [KCL-POLL]. */
export const KCL_POLL_INTERVAL = 1500 * MILLISECOND;
/** failoverTimeMillis. [KCL1-CFG], [KCL-LEASE]. */
export const KCL_FAILOVER_TIME = 10 * SECOND;
/** Lease renewal: failoverTimeMillis / 3 − 25 ms epsilon. [KCL-CALC]. */
export const KCL_EPSILON = 25 * MILLISECOND;
/** Lease taker cycle: (failoverTimeMillis + epsilon) × 2. [KCL-COORD-DDB]. */
export const kclTakerInterval = (failoverTime: number) => (failoverTime + KCL_EPSILON) * 2;
export const kclRenewInterval = (failoverTime: number) => failoverTime / 3 - KCL_EPSILON;
/**
 * The shortest failoverTimeMillis a KCL worker starts with: its lease renewer runs at a fixed rate
 * of failoverTimeMillis / 3 − 25 ms, and Java's ScheduledExecutorService.scheduleAtFixedRate throws
 * IllegalArgumentException for a period ≤ 0 (Java SE API docs). So failoverTime must exceed 75 ms.
 */
export const KCL_MIN_FAILOVER_TIME = 3 * KCL_EPSILON;
/** maxLeasesToStealAtOneTime (KCL 1.x/2.x). [KCL-LEASE], awslabs/amazon-kinesis-client#708. */
export const KCL_MAX_LEASES_TO_STEAL = 1;
/** parentShardPollIntervalMillis: how often a child's processor checks that its parents are drained. [KCL-COORD]. */
export const KCL_PARENT_SHARD_POLL_INTERVAL = 10 * SECOND;
/**
 * Checkpoint cadence: the application's choice. AWS's KCL sample record processors checkpoint once a
 * minute (`CHECKPOINT_INTERVAL_MILLIS = 60000L` in the amazon-kinesis-client samples).
 */
export const KCL_CHECKPOINT_INTERVAL = MINUTE;
/**
 * Size of a lease-table item, for DynamoDB read units of the taker's scan. Not published; a lease row
 * holds about ten short attributes ([KCL-DDB]: leaseKey, checkpoint, leaseCounter, leaseOwner, …), which is
 * well under 1 KB. Stated assumption.
 */
export const KCL_LEASE_ITEM_BYTES = 512;
/** DynamoDB: one write request unit per item write up to 1 KB; one strongly consistent read unit per 4 KB. AWS DynamoDB read/write capacity unit definitions. */
export const DYNAMO_WRITE_UNIT_BYTES = 1024;
export const DYNAMO_READ_UNIT_BYTES = 4096;

// ---- Enhanced fan-out (docs/models/kinesis.md#reads) ----

/** Dedicated push throughput per consumer per shard. [API] RegisterStreamConsumer. */
export const EFO_BYTES_PER_SEC_PER_SHARD = 2 * MiB;
/** Registered consumers per stream (Provisioned and On-demand Standard). [API], [EFO-CUR]. */
export const EFO_MAX_CONSUMERS = 20;
/** "Typically an average of 70 ms whether you have one consumer or five". [DG-CONS]. */
export const EFO_PROPAGATION_DELAY = 70 * MILLISECOND;
/** A SubscribeToShard subscription delivers events for up to 5 minutes, then must be renewed. [API]. */
export const EFO_SUBSCRIPTION_LIFETIME = 5 * MINUTE;

// ---- Retention (docs/models/kinesis.md#retention) ----

export const RETENTION_DEFAULT = 24 * HOUR; // [API], [RET-CUR]
export const RETENTION_MIN = 24 * HOUR; // [RET-CUR]
export const RETENTION_MAX = 8760 * HOUR; // 365 days. [RET-CUR], [API]
/** Beyond this, retention is billed as long-term (per GB-month). [PRICE] tiers. */
export const EXTENDED_RETENTION_LIMIT = 7 * DAY;
/**
 * An increase "stops making records inaccessible at the old retention period within several minutes"
 * [RET-CUR]. "Several" is read as 5 minutes here (stated assumption); a decrease is immediate.
 */
export const RETENTION_INCREASE_DELAY = 5 * MINUTE;

// ---- Resharding (docs/models/kinesis.md#resharding-and-scaling) ----

/** UpdateShardCount calls per rolling 24 hours per stream. [API] UpdateShardCount. */
export const UPDATE_SHARD_COUNT_PER_24H = 10;
export const UPDATE_SHARD_COUNT_WINDOW = 24 * HOUR;
/** Target at most twice and at least half the current count. [API] UpdateShardCount. */
export const UPDATE_SHARD_COUNT_MAX_FACTOR = 2;
/** Shards per stream through UpdateShardCount. [API] UpdateShardCount. */
export const MAX_SHARDS_PER_STREAM = 10_000;
/**
 * How long a reshard takes: UpdateShardCount "could take a few minutes"; AWS's sample waits up to 10
 * minutes polling every 20 s ([API], [DG-RESHARD-AFTER]). 5 minutes is a stated reading of "a few".
 */
export const RESHARD_DURATION = 5 * MINUTE;

// ---- On-demand (docs/models/kinesis.md#resharding-and-scaling) ----

/** Initial write capacity of an on-demand stream. [Q-CUR]. */
export const ON_DEMAND_INITIAL_WRITE_BYTES_PER_SEC = 4_000_000;
/** ≈ 4 shards at the start. [Q-CUR]. */
export const ON_DEMAND_INITIAL_SHARDS = 4;
/** Capacity accommodates up to double the peak write throughput of the previous 30 days. [DG-SIZE]. */
export const ON_DEMAND_PEAK_MULTIPLIER = 2;
export const ON_DEMAND_PEAK_WINDOW = 30 * DAY;
/** Traffic above double the previous peak within 15 minutes throttles: capacity follows the peak 15 minutes late. [DG-SIZE]. */
export const ON_DEMAND_SCALING_DELAY = 15 * MINUTE;
/** A shard taking more than 500 KB/s is split "within 15 minutes". [DG-SIZE]. */
export const ON_DEMAND_SPLIT_THRESHOLD_BYTES_PER_SEC = 500_000;
/** Max write capacity in us-east-1. [Q-CUR]. */
export const ON_DEMAND_MAX_WRITE_BYTES_PER_SEC = 10e9;
/** CloudWatch metrics are emitted every minute ([DG-CW]): the period over which on-demand and autoscaling measure throughput. */
export const METRIC_PERIOD = MINUTE;

// ---- Producers (docs/models/kinesis.md#writes) ----

/** KPL AggregationMaxSize. [KPL-CFG]. */
export const KPL_AGGREGATION_MAX_BYTES = 51_200;
/** KPL CollectionMaxCount and CollectionMaxSize: KDS records and bytes per PutRecords. [KPL-CFG]. */
export const KPL_COLLECTION_MAX_RECORDS = 500;
export const KPL_COLLECTION_MAX_BYTES = 5_242_880;
/** KPL RecordMaxBufferedTime. [KPL-CFG]. */
export const KPL_RECORD_MAX_BUFFERED_TIME = 100 * MILLISECOND;
/** KPL RecordTtl: a record not put within this fails "Expired". [KPL-CFG]. */
export const KPL_RECORD_TTL = 30 * SECOND;
/** KPL RateLimit, % of the shard limit, per shard, per producer. [KPL-CFG], [KPL-LIM]. */
export const KPL_RATE_LIMIT_PERCENT = 150;
/**
 * KPL aggregated-record framing: 4 magic bytes before the protobuf message and a 16-byte MD5 after it
 * (awslabs/amazon-kinesis-producer aggregation-format.md; the same constants appear in every
 * de-aggregator, e.g. zio-kinesis ProtobufAggregation `magicBytes`, `checksumSize = 16`).
 */
export const KPL_AGGREGATION_FRAMING_BYTES = 4 + 16;

/**
 * SDK retries, as an application resending failed PutRecords entries would configure them: AWS SDK
 * for Java v2 legacy mode, 4 attempts, throttled base delay 500 ms, max backoff 20 s. [JAVA-RETRY].
 */
export const SDK_MAX_ATTEMPTS = 4;
export const SDK_THROTTLED_BASE_DELAY = 500 * MILLISECOND;
export const SDK_MAX_BACKOFF = 20 * SECOND;
/**
 * How long an SDK application collects records before a PutRecords call. Not an AWS default (the SDK
 * sends what the application gives it); 100 ms mirrors the KPL's RecordMaxBufferedTime so the two
 * clients compare like for like. Stated assumption: set `sdk.batchInterval`.
 */
export const SDK_BATCH_INTERVAL = 100 * MILLISECOND;
/**
 * Records an SDK application holds (new and awaiting retry) before it drops new ones. An application
 * choice, not an AWS number: stated assumption, set `sdk.maxBufferedRecords`.
 */
export const SDK_MAX_BUFFERED_RECORDS = 100_000;

// ---- Zones (docs/models/kinesis.md#zones-and-durability) ----

/** "synchronously replicates data across three Availability Zones". [FAQ-CUR]. */
export const ZONES = 3;
