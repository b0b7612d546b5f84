import { z } from 'zod';
import { MICROSECOND, MILLISECOND } from '../../engine/time.ts';
import { INTERVAL } from '../../scenario/messages.ts';
import { byteRate, duration, durationAtLeast, namedSettings, positiveByteRate, nonNegativeInt, positiveInt, positiveSize, size, upTo } from '../../scenario/types.ts';
import { SIZE_LIMITS } from '../../scenario/limits.ts';
import * as D from './defaults.ts';
import { customInstanceSchema } from './instances.ts';
import { kafkaPricesSchema } from './pricing.ts';

/**
 * `systems.kafka` in a scenario file. Every Kafka 4.x default the model uses (values and sources in
 * ./defaults.ts; prices in ./pricing.ts; hardware in ./instances.ts) is a default here that a
 * scenario can override. Client settings keep Kafka's names in camelCase (`linger.ms` -> `lingerMs`).
 */

const ms = z.number().nonnegative();

const compressionSchema = z
  .strictObject({
    type: z.enum(['none', 'gzip', 'snappy', 'lz4', 'zstd']).default('none').describe('`compression.type`'),
    ratio: z.number().min(1).optional().describe('Uncompressed / compressed size; default from the codec (measured by Cloudflare on log data)'),
    compressBytesPerSec: byteRate.optional().describe('Producer compression speed, one core; default from the codec'),
    decompressBytesPerSec: byteRate.optional().describe('Consumer decompression speed, one core; default from the codec'),
  })
  .describe('Producer compression: codec, and its ratio and CPU cost on your data');

const producerSchema = z.strictObject({
  acks: z.union([z.literal(0), z.literal(1), z.literal('all'), z.literal(-1)]).default(D.ACKS).transform((a) => (a === -1 ? 'all' : a)),
  lingerMs: ms.default(D.LINGER_MS),
  batchSize: positiveSize.prefault(D.BATCH_SIZE).describe('`batch.size` per partition'),
  maxRequestSize: positiveSize.prefault(D.MAX_REQUEST_SIZE),
  bufferMemory: positiveSize.prefault(D.BUFFER_MEMORY),
  maxBlockMs: ms.default(D.MAX_BLOCK_MS),
  compression: z.union([z.enum(['none', 'gzip', 'snappy', 'lz4', 'zstd']), compressionSchema]).default('none')
    .transform((c) => (typeof c === 'string' ? { type: c } : c)),
  idempotence: z.boolean().default(D.IDEMPOTENCE).describe('`enable.idempotence`; needs acks=all and maxInFlight <= 5'),
  maxInFlight: positiveInt.default(D.MAX_IN_FLIGHT).describe('`max.in.flight.requests.per.connection`'),
  deliveryTimeoutMs: ms.default(D.DELIVERY_TIMEOUT_MS),
  requestTimeoutMs: ms.default(D.REQUEST_TIMEOUT_MS),
  retryBackoffMs: ms.default(D.RETRY_BACKOFF_MS),
  retryBackoffMaxMs: ms.default(D.RETRY_BACKOFF_MAX_MS),
});

const consumerSchema = z.strictObject({
  fetchMinBytes: positiveInt.default(D.FETCH_MIN_BYTES),
  fetchMaxWaitMs: ms.default(D.FETCH_MAX_WAIT_MS),
  fetchMaxBytes: positiveSize.prefault(D.FETCH_MAX_BYTES),
  maxPartitionFetchBytes: positiveSize.prefault(D.MAX_PARTITION_FETCH_BYTES),
  maxPollRecords: positiveInt.default(D.MAX_POLL_RECORDS),
  enableAutoCommit: z.boolean().default(true).describe('Commit every autoCommitIntervalMs; false = commit after each poll'),
  autoCommitIntervalMs: ms.default(D.AUTO_COMMIT_INTERVAL_MS),
  sessionTimeoutMs: ms.default(D.SESSION_TIMEOUT_MS),
  heartbeatIntervalMs: ms.optional().describe('Default 3000 (classic) or 5000 (consumer protocol)'),
  // Default `consumer` (KIP-848, uniform assignor), generally available since Kafka 4.0 (Kafka docs,
  // "Consumer Rebalance Protocol"). Classic eager (range) or cooperative stays selectable.
  groupProtocol: z.enum(['classic', 'consumer']).default(D.GROUP_PROTOCOL).describe('`group.protocol`: consumer (KIP-848, default, uniform assignor), or classic'),
  assignor: z.enum(['range', 'cooperative-sticky']).default(D.ASSIGNOR).describe('Classic protocol only: eager range (default), or incremental cooperative sticky'),
});

const appSchema = z.strictObject({
  followerFetching: z.boolean().default(false).describe('KIP-392: read from the replica in the instance\'s zone'),
  autoOffsetReset: z.enum(['earliest', 'latest']).optional().describe('Default: the application\'s startFrom'),
});

const quotasSchema = z.strictObject({
  producerByteRate: positiveByteRate.optional().describe('`producer_byte_rate` per client per broker'),
  consumerByteRate: positiveByteRate.optional().describe('`consumer_byte_rate` per client per broker'),
});

const mirrorSchema = z.strictObject({
  linkBandwidth: byteRate.describe('Bandwidth between the regions available to MirrorMaker 2 (yours to measure)'),
  linkLatency: duration.describe('One-way latency between the regions (yours to measure)'),
  fetchMaxWaitMs: ms.default(D.FETCH_MAX_WAIT_MS).describe('The MirrorMaker consumer\'s fetch.max.wait.ms'),
  offsetLagMax: positiveInt.default(D.MM2_OFFSET_LAG_MAX),
  emitCheckpointsInterval: duration.prefault(D.MM2_EMIT_CHECKPOINTS_INTERVAL),
});

const networkSchema = z.strictObject({
  sameZoneRtt: durationAtLeast(MICROSECOND, INTERVAL.roundTrip).prefault(D.SAME_ZONE_RTT).describe('Round trip between two hosts in one zone'),
  crossZoneRtt: durationAtLeast(MICROSECOND, INTERVAL.roundTrip).prefault(D.CROSS_ZONE_RTT).describe('Round trip between hosts in two zones of a region'),
});

export const kafkaConfigSchema = z.strictObject({
  deployment: z.enum(['self-managed', 'msk']).default('self-managed'),
  instance: z.union([z.string(), customInstanceSchema]).default('m5.xlarge').describe('A preset name (see instances.ts) or your own hardware'),
  brokers: upTo(SIZE_LIMITS.brokers, 'brokers').default(3),
  zones: positiveInt.default(3),
  partitions: upTo(SIZE_LIMITS.partitions, 'partitions').default(12),
  replicationFactor: positiveInt.default(D.REPLICATION_FACTOR),
  minInsyncReplicas: positiveInt.default(D.MIN_INSYNC_REPLICAS),
  retention: duration.prefault(D.RETENTION).describe('`retention.ms`'),
  retentionBytes: size.optional().describe('`retention.bytes` per partition; absent = no size limit'),
  segmentBytes: positiveSize.prefault(D.SEGMENT_BYTES),
  segmentMs: duration.prefault(D.SEGMENT_MS),
  retentionCheckInterval: durationAtLeast(MILLISECOND, INTERVAL.retentionCheck).prefault(D.RETENTION_CHECK_INTERVAL),
  replicaLagTimeMaxMs: ms.default(D.REPLICA_LAG_TIME_MAX_MS),
  replicaFetchWaitMaxMs: ms.default(D.REPLICA_FETCH_WAIT_MAX_MS),
  replicaFetchMaxBytes: positiveSize.prefault(D.REPLICA_FETCH_MAX_BYTES),
  replicaFetchResponseMaxBytes: positiveSize.prefault(D.REPLICA_FETCH_RESPONSE_MAX_BYTES),
  brokerSessionTimeoutMs: ms.default(D.BROKER_SESSION_TIMEOUT_MS),
  brokerHeap: positiveSize.prefault(D.BROKER_HEAP_BYTES).describe('JVM heap; the rest of the memory is page cache'),
  uncleanLeaderElection: z.boolean().default(D.UNCLEAN_LEADER_ELECTION),
  placementStartIndex: nonNegativeInt.default(0).describe('Start index of the rack-aware replica assignment'),
  network: networkSchema.prefault({}),
  producer: producerSchema.prefault({}),
  consumer: consumerSchema.prefault({}),
  consumers: namedSettings(appSchema.prefault({})).prefault({}).describe('Per consumer application'),
  quotas: quotasSchema.prefault({}),
  mirror: mirrorSchema.optional().describe('MirrorMaker 2 to a second cluster (disaster recovery)'),
  prices: kafkaPricesSchema.optional(),
  topic: z.string().min(1).default('events').describe('Topic name (partitions are named topic-0, topic-1, …)'),
  diskPerBroker: positiveSize.optional().describe('Log volume per broker; default the instance\'s disk'),
  replicationQuotaWindows: z.number().int().min(2).default(D.REPLICATION_QUOTA_WINDOW_NUM).describe('`replication.quota.window.num`: samples of the replication throttle\'s rate'),
  replicationQuotaWindowSize: duration.prefault(D.REPLICATION_QUOTA_WINDOW_SIZE).describe('`replication.quota.window.size.seconds`: length of one sample'),
});

/** `kafka:` actions on the timeline. */
export const kafkaActionSchema = z.strictObject({
  failBroker: nonNegativeInt.optional().describe('Broker id that crashes'),
  for: duration.optional().describe('How long until the failed broker restarts (absent: it stays down)'),
  addPartitions: upTo(SIZE_LIMITS.partitions, 'partitions').optional().describe('Partitions added to the topic (keys move)'),
  addBrokers: upTo(SIZE_LIMITS.brokers, 'brokers').optional().describe('Empty brokers that join the cluster, placed round-robin over the zones'),
  reassign: z.boolean().optional().describe('kafka-reassign-partitions --generate over all brokers, then --execute (default true with addBrokers)'),
  throttle: byteRate.optional().describe('--throttle: leader and follower replication throttle on the moving replicas (absent: unthrottled)'),
  mirrorFailover: z.boolean().optional().describe('Fail over to the MirrorMaker 2 target: report what it had not received'),
});

export type KafkaConfig = z.output<typeof kafkaConfigSchema>;
export type KafkaAction = z.output<typeof kafkaActionSchema>;
export type ProducerConfig = KafkaConfig['producer'];
export type ConsumerConfig = KafkaConfig['consumer'];
