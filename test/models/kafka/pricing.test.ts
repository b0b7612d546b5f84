import { describe, expect, it } from 'vitest';
import { EC2_INSTANCES, MSK_INSTANCES } from '../../../src/models/kafka/instances.ts';
import { kafkaCostItems, kafkaPricesSchema, type KafkaUsage } from '../../../src/models/kafka/pricing.ts';

const MiB = 1024 * 1024;
const noTraffic = { replication: 0, producer: 0, consumer: 0, mirror: 0 };

describe('self-managed Kafka on EC2', () => {
  it('a worked example: 100 MiB/s in, RF 3 over 3 zones, one group reading leaders, 30 days is about $18.1k of cross-AZ transfer', () => {
    const seconds = 30 * 24 * 3600;
    const ingress = 100 * MiB * seconds;
    const items = kafkaCostItems({
      deployment: 'self-managed',
      instance: EC2_INSTANCES['m5.large'],
      brokerHours: 0,
      storageGBMonths: 0,
      crossAzBytes: { replication: 2 * ingress, producer: (2 / 3) * ingress, consumer: (2 / 3) * ingress, mirror: 0 },
    });
    // Each cross-AZ GB costs $0.01 out + $0.01 in.
    expect(items['cross-AZ replication (GB)']).toBeCloseTo(((2 * ingress) / 1e9) * 0.02, 6);
    const crossAzTotal = items['cross-AZ replication (GB)'] + items['cross-AZ producer traffic (GB)'] + items['cross-AZ consumer traffic (GB)'];
    expect(crossAzTotal).toBeGreaterThan(18_100);
    expect(crossAzTotal).toBeLessThan(18_150);
  });

  it('three m5.large brokers for a 730-hour month: $210.24 of instances and 3,000 GB-months of gp3 at $0.08', () => {
    const items = kafkaCostItems({
      deployment: 'self-managed', instance: EC2_INSTANCES['m5.large'], brokerHours: 3 * 730, storageGBMonths: 3 * 1000, crossAzBytes: noTraffic,
    });
    expect(items['broker instance-hours']).toBeCloseTo(210.24, 6); // 2,190 h x $0.096
    expect(items['EBS storage (GB-months)']).toBeCloseTo(240, 6);
    expect(items).not.toHaveProperty('EBS provisioned throughput'); // m5.large stays on the free 125 MiB/s
  });

  it('m5.2xlarge brokers pay for gp3 throughput provisioned above 125 MiB/s: (275 - 125) x $0.04 = $6 per broker-month', () => {
    const items = kafkaCostItems({
      deployment: 'self-managed', instance: EC2_INSTANCES['m5.2xlarge'], brokerHours: 3 * 730, storageGBMonths: 0, crossAzBytes: noTraffic,
    });
    expect(items['EBS provisioned throughput']).toBeCloseTo(18, 6);
  });

  it('i3en brokers have no storage line: the NVMe is in the instance price', () => {
    const items = kafkaCostItems({
      deployment: 'self-managed', instance: EC2_INSTANCES['i3en.xlarge'], brokerHours: 730, storageGBMonths: 2500, crossAzBytes: noTraffic,
    });
    expect(Object.keys(items)).toEqual(['broker instance-hours']);
    expect(items['broker instance-hours']).toBeCloseTo(329.96, 6);
  });
});

describe('Amazon MSK', () => {
  const usage: KafkaUsage = {
    deployment: 'msk',
    instance: MSK_INSTANCES['kafka.m5.large'],
    brokerHours: 3 * 730,
    storageGBMonths: 300,
    crossAzBytes: { replication: 2e12, producer: 1e12, consumer: 1e12, mirror: 0 },
  };

  it('three kafka.m5.large for 730 hours is $459.90 ("about $460/month") plus $0.10 per GB-month', () => {
    const items = kafkaCostItems(usage);
    expect(items['MSK broker-hours']).toBeCloseTo(459.9, 6);
    expect(items['MSK storage (GB-months)']).toBeCloseTo(30, 6);
  });

  it('replication between brokers is free; client traffic across zones is not ($20 per 1,000 GB)', () => {
    const items = kafkaCostItems(usage);
    expect(Object.keys(items).some((k) => k.includes('replication'))).toBe(false);
    expect(items['cross-AZ producer traffic (GB)']).toBeCloseTo(20, 6);
    expect(items['cross-AZ consumer traffic (GB)']).toBeCloseTo(20, 6);
  });
});

describe('price overrides', () => {
  it('a scenario can change the cross-AZ rate and the broker-hour price', () => {
    const items = kafkaCostItems(
      { deployment: 'msk', instance: MSK_INSTANCES['kafka.m5.large'], brokerHours: 10, storageGBMonths: 0, crossAzBytes: { ...noTraffic, mirror: 1e9 } },
      kafkaPricesSchema.parse({ crossAzPerGBEachDirection: 0.02, brokerHour: 1 }),
    );
    expect(items['cross-AZ mirroring (GB)']).toBeCloseTo(0.04, 9);
    expect(items['MSK broker-hours']).toBe(10);
  });

  it('the prices schema is strict and refuses negative prices', () => {
    expect(kafkaPricesSchema.safeParse({ crossAz: 0.01 }).success).toBe(false);
    expect(kafkaPricesSchema.safeParse({ mskStorageGBMonth: -0.1 }).success).toBe(false);
    expect(kafkaPricesSchema.parse({})).toEqual({});
  });
});
