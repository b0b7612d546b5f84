const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/**
 * Kafka 4.x defaults the model uses, each with its source. Every one is the default of a key in
 * ./config.ts, so a scenario can override it. Sources: the Kafka configuration reference
 * (kafka.apache.org/documentation/#configuration) and [SRC-K], the apache/kafka source at 4.0.
 */

// ---------------------------------------------------------------- producer (ProducerConfig)

/** `acks` default "all" since 3.0 (KIP-679). */
export const ACKS = 'all' as const;
/** `linger.ms` default 5 from Kafka 4.0 (KIP-1030). */
export const LINGER_MS = 5;
/** `batch.size` default 16384 B. */
export const BATCH_SIZE = 16 * KiB;
/** `max.request.size` default 1 MiB. */
export const MAX_REQUEST_SIZE = 1 * MiB;
/** `buffer.memory` default 32 MiB. */
export const BUFFER_MEMORY = 32 * MiB;
/** `max.block.ms` default 60000: how long send() blocks on a full buffer before it throws. */
export const MAX_BLOCK_MS = 60_000;
/** `delivery.timeout.ms` default 120000: the bound on retries. */
export const DELIVERY_TIMEOUT_MS = 120_000;
/** `request.timeout.ms` default 30000. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** `retry.backoff.ms` / `retry.backoff.max.ms` defaults 100 / 1000 (CommonClientConfigs). */
export const RETRY_BACKOFF_MS = 100;
export const RETRY_BACKOFF_MAX_MS = 1000;
/** Jitter of Kafka's ExponentialBackoff for retries (CommonClientConfigs.RETRY_BACKOFF_JITTER = 0.2). [SRC-K] */
export const RETRY_BACKOFF_JITTER = 0.2;
/** `max.in.flight.requests.per.connection` default 5. */
export const MAX_IN_FLIGHT = 5;
/** `enable.idempotence` default true (effective since 3.0.1/3.1.1/3.2). */
export const IDEMPOTENCE = true;
/**
 * Wire overhead of a record batch: 61 B header (RECORD_BATCH_OVERHEAD) + 12 B LOG_OVERHEAD.
 * [SRC-K] DefaultRecordBatch.java, Records.java.
 */
export const BATCH_OVERHEAD_BYTES = 61 + 12;

// Compression codecs (ratios and CPU speeds) are in ./compression.ts.

// ---------------------------------------------------------------- broker / topic (ServerLogConfigs, ReplicationConfigs, KRaftConfigs)

/** `min.insync.replicas` broker default is 1; the documented durable setup is RF 3 with 2 (its doc), which scenarios get by default. */
export const MIN_INSYNC_REPLICAS = 2;
/** RF 3 across three zones is the setup Kafka's ops docs describe ("Balancing Replicas Across Racks"); `default.replication.factor` is 1. */
export const REPLICATION_FACTOR = 3;
/** `retention.ms` default 7 days. */
export const RETENTION = '7d';
/** `segment.bytes` default 1 GiB. */
export const SEGMENT_BYTES = 1 * GiB;
/** `segment.ms` (log.roll.hours) default 168 h. */
export const SEGMENT_MS = '7d';
/** `log.retention.check.interval.ms` default 300000. */
export const RETENTION_CHECK_INTERVAL = '5m';
/** `replica.lag.time.max.ms` default 30000 (since 2.5, KIP-537). */
export const REPLICA_LAG_TIME_MAX_MS = 30_000;
/** `replica.fetch.wait.max.ms` default 500. */
export const REPLICA_FETCH_WAIT_MAX_MS = 500;
/** `replica.fetch.max.bytes` default 1 MiB per partition. */
export const REPLICA_FETCH_MAX_BYTES = 1 * MiB;
/** `replica.fetch.response.max.bytes` default 10 MiB. */
export const REPLICA_FETCH_RESPONSE_MAX_BYTES = 10 * MiB;
/** `broker.session.timeout.ms` (KRaft) default 9000: a broker without heartbeats is fenced after it. */
export const BROKER_SESSION_TIMEOUT_MS = 9_000;
/**
 * `replication.quota.window.num` default 11 and `replication.quota.window.size.seconds` default 1: the
 * sampled rate the replication throttle (`leader.replication.throttled.rate`,
 * `follower.replication.throttled.rate`) is measured with. [SRC-K] QuotaConfig
 * NUM_REPLICATION_QUOTA_SAMPLES_DEFAULT / REPLICATION_QUOTA_WINDOW_SIZE_SECONDS_DEFAULT =
 * ReplicationQuotaManagerConfig.DEFAULT_NUM_QUOTA_SAMPLES / DEFAULT_QUOTA_WINDOW_SIZE_SECONDS.
 */
export const REPLICATION_QUOTA_WINDOW_NUM = 11;
export const REPLICATION_QUOTA_WINDOW_SIZE = '1s';
/** `unclean.leader.election.enable` default false since 0.11. */
export const UNCLEAN_LEADER_ELECTION = false;
/**
 * JVM heap of a broker started by bin/kafka-server-start.sh: `KAFKA_HEAP_OPTS="-Xmx1G -Xms1G"` when
 * unset (apache/kafka bin/kafka-server-start.sh). The rest of the instance memory is page cache.
 */
export const BROKER_HEAP_BYTES = 1 * GiB;

// ---------------------------------------------------------------- network

/**
 * Round-trip times on AWS. AWS commits only to "single-digit millisecond" between zones. Measured:
 * within one zone 0.26 ms average (O. Sol, "Network Latency Inside And Across Amazon EC2
 * Availability Zones", orensol.com 2009, us-east-1a/1b ping averages 0.263 and 0.259 ms); across
 * zones 0.83 ms average (L. Liesis, medium.com 2022, eu-west-1, 5 minutes of pings; the 2009 study
 * found 0.94-1.13 ms). Every request and response of the model travels half of one of these.
 */
export const SAME_ZONE_RTT = '260us';
export const CROSS_ZONE_RTT = '830us';

// ---------------------------------------------------------------- consumer (ConsumerConfig)

/** `fetch.min.bytes` default 1. */
export const FETCH_MIN_BYTES = 1;
/** `fetch.max.wait.ms` default 500. */
export const FETCH_MAX_WAIT_MS = 500;
/** `fetch.max.bytes` default 50 MiB. */
export const FETCH_MAX_BYTES = 50 * MiB;
/** `max.partition.fetch.bytes` default 1 MiB. */
export const MAX_PARTITION_FETCH_BYTES = 1 * MiB;
/** `max.poll.records` default 500. */
export const MAX_POLL_RECORDS = 500;
/** `enable.auto.commit` default true, `auto.commit.interval.ms` default 5000. */
export const AUTO_COMMIT_INTERVAL_MS = 5_000;
/** `session.timeout.ms` default 45000 (classic, since 3.0); KIP-848 `group.consumer.session.timeout.ms` also 45000. */
export const SESSION_TIMEOUT_MS = 45_000;
/** `heartbeat.interval.ms` default 3000 (classic). */
export const HEARTBEAT_INTERVAL_MS = 3_000;
/** KIP-848 `group.consumer.heartbeat.interval.ms` default 5000. */
export const CONSUMER_PROTOCOL_HEARTBEAT_INTERVAL_MS = 5_000;
/**
 * `group.protocol`: `consumer` (KIP-848), the protocol Kafka 4 brings to general availability, rather
 * than the client default `classic`, so that scenarios show the rebalances of a current deployment.
 * KIP-848 is GA in 4.0 (Kafka docs, "Consumer Rebalance Protocol"); its assignment is computed by the
 * group coordinator with the server-side assignor `uniform`, the default of
 * `group.consumer.assignors` = [uniform, range] (same page).
 * The classic protocol stays selectable with `groupProtocol: classic`.
 */
export const GROUP_PROTOCOL = 'consumer' as const;
/**
 * Classic protocol only: `partition.assignment.strategy` = [RangeAssignor, CooperativeStickyAssignor]
 * uses the first, the eager range assignor (ConsumerConfig). Ignored by the consumer protocol, whose uniform
 * assignor is sticky and incremental (consumer-group.ts `stickyAssign`).
 */
export const ASSIGNOR = 'range' as const;

// ---------------------------------------------------------------- MirrorMaker 2 (KIP-382, MirrorSourceConfig, MirrorCheckpointConfig)

/** `offset.lag.max` default 100: an offset sync is emitted when a partition is this far out of sync. */
export const MM2_OFFSET_LAG_MAX = 100;
/** `emit.checkpoints.interval.seconds` default 60. */
export const MM2_EMIT_CHECKPOINTS_INTERVAL = '60s';
