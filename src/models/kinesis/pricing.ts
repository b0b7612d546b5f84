import { z } from 'zod';

/**
 * Amazon Kinesis Data Streams prices, us-east-1, and the KCL lease table's DynamoDB prices.
 *
 * Kinesis figures ([PRICE] and docs/models/kinesis.md#cost). The official pricing page's table was not
 * read directly; the numbers come from the infracost golden file generated from the AWS Price List API
 * ([INFRACOST]), cross-checked with Trek10 (Sep 2023) and other third-party pages that agree. They are
 * defaults: `systems.kinesis.prices` in a scenario overrides any of them.
 *
 * Units: GB = 10^9 bytes, as AWS bills data (callers convert bytes with BYTES_PER_GB). A GB-month is
 * GB stored for one 730-hour month (src/simulation/cost.ts HOURS_PER_MONTH).
 */

/** Bytes in a billed GB (decimal, as AWS prices data). */
export const BYTES_PER_GB = 1e9;

export const KINESIS_PRICES = {
  /** Provisioned shard-hour, $0.015. [INFRACOST], [TREK10]. */
  shardHour: 0.015,
  /** Per million PUT payload units (25 KB chunks), $0.014. [INFRACOST] $0.000000014/unit, [TREK10]. */
  putPayloadUnitsPerMillion: 0.014,
  /** Extended retention (24 h to 7 d), per shard-hour, $0.020. [INFRACOST] and third-party pages. */
  extendedRetentionShardHour: 0.02,
  /** Long-term retention (beyond 7 d), per GB-month, $0.023; the same in on-demand mode. [INFRACOST]. */
  longTermRetentionGBMonth: 0.023,
  /** Long-term retention data retrieval (reading data older than 7 d), per GB, $0.021. [INFRACOST]; awsnegotiations.com agrees. */
  longTermRetrievalGB: 0.021,
  /** Enhanced fan-out, per consumer-shard-hour (provisioned), $0.015. [INFRACOST]. */
  efoConsumerShardHour: 0.015,
  /** Enhanced fan-out data retrieval, per GB (provisioned), $0.013. [INFRACOST]. */
  efoRetrievalGB: 0.013,
  /** On-demand Standard, per stream-hour, $0.04. [INFRACOST], [TREK10]. */
  onDemandStreamHour: 0.04,
  /** On-demand data in, per GB after rounding each record up to 1 KB, $0.08. [INFRACOST], [TREK10], [PRICE] (rounding rule). */
  onDemandGBIn: 0.08,
  /** On-demand data out (shared-throughput reads), per GB, no rounding, $0.04. [INFRACOST], [TREK10]. */
  onDemandGBOut: 0.04,
  /** On-demand enhanced fan-out data retrieval, per GB, $0.05. [INFRACOST]. */
  onDemandEfoGB: 0.05,
  /** On-demand extended retention (24 h to 7 d), per GB-month, $0.10. [INFRACOST]. */
  onDemandExtendedRetentionGBMonth: 0.1,
  /**
   * DynamoDB on-demand write request units, per million, $0.625 (us-east-1, after the November 2024
   * 50 % on-demand price cut). Secondary sources: airbyte.com "Amazon DynamoDB Pricing" (Jul 2025) and
   * engineering notes that quote https://aws.amazon.com/dynamodb/pricing/on-demand/ (checked 2026-10);
   * the official on-demand table itself was not in our stored corpus. Before the cut: $1.25.
   */
  dynamoWriteRequestUnitsPerMillion: 0.625,
  /** DynamoDB on-demand read request units, per million, $0.125 (same sources; $0.25 before Nov 2024). */
  dynamoReadRequestUnitsPerMillion: 0.125,
  /**
   * DynamoDB Standard table storage, per GB-month, $0.25. aws.amazon.com/dynamodb/pricing ("The first
   * 25 GB consumed per month is free, and prices start from $0.25 per GB-month thereafter"). The free
   * tier is per account and Region, so it is not applied to one application's lease table here.
   */
  dynamoStorageGBMonth: 0.25,
} as const;

const price = z.number().nonnegative();

/** `systems.kinesis.prices`: any price above, in dollars, overriding the default. */
export const kinesisPricesSchema = z.strictObject({
  shardHour: price.optional().describe('USD per provisioned shard-hour (default 0.015)'),
  putPayloadUnitsPerMillion: price.optional().describe('USD per million 25 KB PUT payload units (default 0.014)'),
  extendedRetentionShardHour: price.optional().describe('USD per shard-hour of retention beyond 24 h up to 7 d (default 0.02)'),
  longTermRetentionGBMonth: price.optional().describe('USD per GB-month retained beyond 7 d (default 0.023)'),
  longTermRetrievalGB: price.optional().describe('USD per GB read that is older than 7 d (default 0.021)'),
  efoConsumerShardHour: price.optional().describe('USD per enhanced fan-out consumer-shard-hour (default 0.015)'),
  efoRetrievalGB: price.optional().describe('USD per GB delivered by enhanced fan-out, provisioned (default 0.013)'),
  onDemandStreamHour: price.optional().describe('USD per on-demand stream-hour (default 0.04)'),
  onDemandGBIn: price.optional().describe('USD per GB written in on-demand mode, records rounded up to 1 KB (default 0.08)'),
  onDemandGBOut: price.optional().describe('USD per GB read in on-demand mode (default 0.04)'),
  onDemandEfoGB: price.optional().describe('USD per GB delivered by enhanced fan-out, on-demand (default 0.05)'),
  onDemandExtendedRetentionGBMonth: price.optional().describe('USD per GB-month retained beyond 24 h up to 7 d, on-demand (default 0.10)'),
  dynamoWriteRequestUnitsPerMillion: price.optional().describe('USD per million DynamoDB write request units (default 0.625)'),
  dynamoReadRequestUnitsPerMillion: price.optional().describe('USD per million DynamoDB read request units (default 0.125)'),
  dynamoStorageGBMonth: price.optional().describe('USD per GB-month of DynamoDB storage (default 0.25)'),
});

export type KinesisPrices = z.output<typeof kinesisPricesSchema>;

export { ON_DEMAND_BILLING_INCREMENT_BYTES, onDemandBilledBytes, PUT_PAYLOAD_UNIT_BYTES, putPayloadUnits } from './billing-units.ts';

/** What a Kinesis stream used over a run; the model accumulates it, kinesisCostItems prices it. */
export interface KinesisUsage {
  mode: 'provisioned' | 'on-demand';
  /** Provisioned: shards x hours open (closed parents do not bill once resharding completes). */
  shardHours: number;
  /** Provisioned: sum of putPayloadUnits() over accepted records. */
  putPayloadUnits: number;
  /** Provisioned: shard-hours while retention was above 24 h. */
  extendedRetentionShardHours: number;
  /** Both modes: GB-months of data held beyond 7 days. */
  longTermRetentionGBMonths: number;
  /** Provisioned: GB read that was older than 7 days. */
  longTermRetrievalGB: number;
  /** Provisioned: enhanced fan-out consumers x shards x hours registered. */
  efoConsumerShardHours: number;
  /** Both modes: GB delivered by enhanced fan-out (priced per mode). */
  efoRetrievalGB: number;
  /** On-demand: hours the stream existed. */
  streamHours: number;
  /** On-demand: GB written after onDemandBilledBytes() rounding. */
  onDemandBilledGBIn: number;
  /** On-demand: GB read by shared-throughput (GetRecords) consumers. */
  onDemandGBOut: number;
  /** On-demand: GB-months of data held beyond 24 h up to 7 d. */
  onDemandExtendedRetentionGBMonths: number;
  /** KCL lease table: write request units (lease renewals, checkpoints, takes). */
  dynamoWriteRequestUnits: number;
  /** KCL lease table: read request units (lease table scans). */
  dynamoReadRequestUnits: number;
  /** KCL lease table storage, GB-months (tiny: one item per shard); optional. */
  dynamoStorageGBMonths?: number;
}

/**
 * Line items in dollars over the run, only those that apply to the mode; zero items are omitted.
 *
 * Provisioned bills shard-hours, PUT payload units, extended retention per shard-hour, long-term
 * retention and its retrieval, and enhanced fan-out consumer-shard-hours and GB; shared-throughput
 * GetRecords reads are free ([PRICE-OLD], [TREK10]). On-demand Standard bills stream-hours, GB in
 * (1 KB rounding), GB out, enhanced fan-out GB, extended retention per GB-month and long-term
 * retention; it has no shard-hour, PUT-unit or EFO consumer-shard-hour charge ([INFRACOST] lists
 * none). Not modelled: a separate long-term retrieval charge in on-demand mode (not in our sources;
 * such reads are billed as data out), On-demand Advantage pricing, and the DynamoDB free tier.
 */
export function kinesisCostItems(usage: KinesisUsage, prices: KinesisPrices = {}): Record<string, number> {
  const p = { ...KINESIS_PRICES, ...definedOnly(prices) };
  const items: Record<string, number> = {};
  const add = (name: string, amount: number) => {
    if (amount !== 0) items[name] = amount;
  };

  if (usage.mode === 'provisioned') {
    add('shard-hours', usage.shardHours * p.shardHour);
    add('PUT payload units', (usage.putPayloadUnits / 1e6) * p.putPayloadUnitsPerMillion);
    add('extended retention (shard-hours)', usage.extendedRetentionShardHours * p.extendedRetentionShardHour);
    add('long-term retention (GB-months)', usage.longTermRetentionGBMonths * p.longTermRetentionGBMonth);
    add('long-term retention retrieval (GB)', usage.longTermRetrievalGB * p.longTermRetrievalGB);
    add('enhanced fan-out consumer-shard-hours', usage.efoConsumerShardHours * p.efoConsumerShardHour);
    add('enhanced fan-out retrieval (GB)', usage.efoRetrievalGB * p.efoRetrievalGB);
  } else {
    add('on-demand stream-hours', usage.streamHours * p.onDemandStreamHour);
    add('on-demand data in (GB)', usage.onDemandBilledGBIn * p.onDemandGBIn);
    add('on-demand data out (GB)', usage.onDemandGBOut * p.onDemandGBOut);
    add('enhanced fan-out retrieval (GB)', usage.efoRetrievalGB * p.onDemandEfoGB);
    add('extended retention (GB-months)', usage.onDemandExtendedRetentionGBMonths * p.onDemandExtendedRetentionGBMonth);
    add('long-term retention (GB-months)', usage.longTermRetentionGBMonths * p.longTermRetentionGBMonth);
  }
  add('KCL lease table writes (DynamoDB)', (usage.dynamoWriteRequestUnits / 1e6) * p.dynamoWriteRequestUnitsPerMillion);
  add('KCL lease table reads (DynamoDB)', (usage.dynamoReadRequestUnits / 1e6) * p.dynamoReadRequestUnitsPerMillion);
  add('KCL lease table storage (DynamoDB)', (usage.dynamoStorageGBMonths ?? 0) * p.dynamoStorageGBMonth);
  return items;
}

function definedOnly<T extends object>(overrides: T): Partial<T> {
  return Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<T>;
}
