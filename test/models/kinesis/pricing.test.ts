import { describe, expect, it } from 'vitest';
import {
  BYTES_PER_GB, kinesisCostItems, kinesisPricesSchema, onDemandBilledBytes, putPayloadUnits, type KinesisUsage,
} from '../../../src/models/kinesis/pricing.ts';

const KiB = 1024;
const none: KinesisUsage = {
  mode: 'provisioned', shardHours: 0, putPayloadUnits: 0, extendedRetentionShardHours: 0, longTermRetentionGBMonths: 0,
  longTermRetrievalGB: 0, efoConsumerShardHours: 0, efoRetrievalGB: 0, streamHours: 0, onDemandBilledGBIn: 0,
  onDemandGBOut: 0, onDemandExtendedRetentionGBMonths: 0, dynamoWriteRequestUnits: 0, dynamoReadRequestUnits: 0,
};

describe('PUT payload units: 25 KB chunks per record, rounded up', () => {
  it('the pricing page examples: 5 KB is 1 unit, 45 KB is 2, 1000 KB is 40', () => {
    expect(putPayloadUnits(5 * KiB)).toBe(1);
    expect(putPayloadUnits(45 * KiB)).toBe(2);
    expect(putPayloadUnits(1000 * KiB)).toBe(40);
  });

  it('a record one byte over 25 KB costs two units; an empty record still costs one', () => {
    expect(putPayloadUnits(25 * KiB)).toBe(1);
    expect(putPayloadUnits(25 * KiB + 1)).toBe(2);
    expect(putPayloadUnits(0)).toBe(1);
  });
});

describe('on-demand ingest rounds each record up to 1 KB', () => {
  it('a 4.5 KB record is billed as 5 KB; a 100-byte record as 1 KB; an exact 2 KB record as 2 KB', () => {
    expect(onDemandBilledBytes(4.5 * KiB)).toBe(5 * KiB);
    expect(onDemandBilledBytes(100)).toBe(KiB);
    expect(onDemandBilledBytes(2 * KiB)).toBe(2 * KiB);
  });
});

describe('Kinesis line items', () => {
  it('the benchmark stream for a 730-hour month: 4 shards, 100 records/s of 35 KB, 7-day retention', () => {
    const records = 100 * 3600 * 730; // 262.8 million
    const items = kinesisCostItems({
      ...none,
      shardHours: 4 * 730,
      putPayloadUnits: records * putPayloadUnits(35 * KiB), // 2 units each
      extendedRetentionShardHours: 4 * 730,
    });
    expect(items['shard-hours']).toBeCloseTo(43.8, 6); // 2,920 x $0.015
    expect(items['PUT payload units']).toBeCloseTo(7.3584, 6); // 525.6 M x $0.014 / M
    expect(items['extended retention (shard-hours)']).toBeCloseTo(58.4, 6); // 2,920 x $0.020
    expect(Object.keys(items)).toHaveLength(3); // zero items are omitted
  });

  it('provisioned enhanced fan-out: 2 consumers on 4 shards for 730 h and 1,000 GB delivered', () => {
    const items = kinesisCostItems({ ...none, efoConsumerShardHours: 2 * 4 * 730, efoRetrievalGB: 1000 });
    expect(items['enhanced fan-out consumer-shard-hours']).toBeCloseTo(87.6, 6); // 5,840 x $0.015
    expect(items['enhanced fan-out retrieval (GB)']).toBeCloseTo(13, 6); // 1,000 x $0.013
  });

  it('long-term retention and its retrieval: 500 GB-months at $0.023 and 200 GB read back at $0.021', () => {
    const items = kinesisCostItems({ ...none, longTermRetentionGBMonths: 500, longTermRetrievalGB: 200 });
    expect(items['long-term retention (GB-months)']).toBeCloseTo(11.5, 6);
    expect(items['long-term retention retrieval (GB)']).toBeCloseTo(4.2, 6);
  });

  it('on-demand bills stream-hours and GB, never shard-hours or PUT units, and EFO at $0.05/GB', () => {
    const items = kinesisCostItems({
      ...none,
      mode: 'on-demand',
      shardHours: 4 * 730, // ignored: on-demand has no shard-hour charge
      putPayloadUnits: 1e9, // ignored
      efoConsumerShardHours: 1000, // ignored: no consumer-shard-hour charge in on-demand
      streamHours: 730,
      onDemandBilledGBIn: (1e6 * 5 * KiB) / BYTES_PER_GB, // a million 4.5 KB records billed as 5 KB
      onDemandGBOut: 100,
      efoRetrievalGB: 100,
      onDemandExtendedRetentionGBMonths: 10,
    });
    expect(items).not.toHaveProperty('shard-hours');
    expect(items).not.toHaveProperty('PUT payload units');
    expect(items).not.toHaveProperty('enhanced fan-out consumer-shard-hours');
    expect(items['on-demand stream-hours']).toBeCloseTo(29.2, 6); // 730 x $0.04
    expect(items['on-demand data in (GB)']).toBeCloseTo(5.12 * 0.08, 9); // 5.12 GB x $0.08
    expect(items['on-demand data out (GB)']).toBeCloseTo(4, 6);
    expect(items['enhanced fan-out retrieval (GB)']).toBeCloseTo(5, 6);
    expect(items['extended retention (GB-months)']).toBeCloseTo(1, 6);
  });

  it('the KCL lease table: 4 shards renewing a lease every 3.3 s for 730 h is about 3.2 M writes, $1.99', () => {
    const writes = Math.round((4 * 730 * 3600) / 3.3);
    const items = kinesisCostItems({ ...none, dynamoWriteRequestUnits: writes, dynamoReadRequestUnits: 1e6 });
    expect(items['KCL lease table writes (DynamoDB)']).toBeCloseTo((writes / 1e6) * 0.625, 9);
    expect(items['KCL lease table reads (DynamoDB)']).toBeCloseTo(0.125, 9);
  });

  it('a scenario price overrides the default and leaves the others alone', () => {
    const items = kinesisCostItems({ ...none, shardHours: 100, extendedRetentionShardHours: 100 }, kinesisPricesSchema.parse({ shardHour: 0.03 }));
    expect(items['shard-hours']).toBeCloseTo(3, 9);
    expect(items['extended retention (shard-hours)']).toBeCloseTo(2, 9);
  });

  it('the prices schema rejects unknown keys and negative prices', () => {
    expect(kinesisPricesSchema.safeParse({ shardHours: 0.02 }).success).toBe(false);
    expect(kinesisPricesSchema.safeParse({ shardHour: -1 }).success).toBe(false);
    expect(kinesisPricesSchema.safeParse({}).success).toBe(true);
  });
});
