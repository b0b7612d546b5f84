import { z } from 'zod';
import { GP3_BASELINE_MIBPS, GP3_PRICE_PER_GB_MONTH, MSK_STORAGE_PRICE_PER_GB_MONTH, type BrokerInstance } from './instances.ts';

/**
 * What a Kafka cluster costs on AWS, us-east-1, self-managed on EC2 or Amazon MSK (docs/models/kafka.md#cost). Broker-hour
 * prices come with the instance (./instances.ts); the rest is here. Every price is a default that
 * `systems.kafka.prices` overrides.
 *
 * Units: GB = 10^9 bytes, as AWS bills data transfer and storage; a GB-month is a GB kept for one
 * 730-hour month (src/simulation/cost.ts HOURS_PER_MONTH).
 */

const BYTES_PER_GB = 1e9;
/** AWS bills a month as 730 hours (src/simulation/cost.ts). */
const HOURS_PER_MONTH = 730;

export const KAFKA_PRICES = {
  /**
   * Data transfer between availability zones of one region: $0.01/GB "in each direction", so the
   * sender and the receiver each pay and a cross-AZ byte costs $0.02. aws.amazon.com/ec2/pricing/on-demand
   * "Data transfer" (Duckbill / Last Week in AWS measured that both sides are billed).
   */
  crossAzPerGBEachDirection: 0.01,
  /** gp3 storage per GB-month (./instances.ts GP3_PRICE_PER_GB_MONTH; secondary source there). */
  ebsGp3GBMonth: GP3_PRICE_PER_GB_MONTH,
  /** gp3 throughput above the included 125 MiB/s, per MiB/s-month, $0.04. saisci.com "gp3 Throughput Explained" (us-east-1, secondary). */
  ebsGp3ThroughputMiBpsMonth: 0.04,
  /** MSK Standard broker storage per GB-month (./instances.ts, secondary source there). */
  mskStorageGBMonth: MSK_STORAGE_PRICE_PER_GB_MONTH,
} as const;

const price = z.number().nonnegative();

/** `systems.kafka.prices`: any price, in dollars, overriding the default. */
export const kafkaPricesSchema = z.strictObject({
  brokerHour: price.optional().describe("USD per broker-hour, overriding the instance preset's price"),
  crossAzPerGBEachDirection: price.optional().describe('USD per GB crossing availability zones, charged to each side (default 0.01)'),
  ebsGp3GBMonth: price.optional().describe('USD per GB-month of gp3 volume, self-managed (default 0.08)'),
  ebsGp3ThroughputMiBpsMonth: price.optional().describe('USD per MiB/s-month of gp3 throughput above 125 MiB/s (default 0.04)'),
  mskStorageGBMonth: price.optional().describe('USD per GB-month of MSK broker storage (default 0.10)'),
});

export type KafkaPrices = z.output<typeof kafkaPricesSchema>;

/** What a Kafka deployment used over a run; the model accumulates it, kafkaCostItems prices it. */
export interface KafkaUsage {
  deployment: 'self-managed' | 'msk';
  instance: BrokerInstance;
  /** Brokers x hours running (a failed broker still bills). */
  brokerHours: number;
  /** Provisioned storage x months (EBS and MSK bill the provisioned volume, not the bytes in it). */
  storageGBMonths: number;
  /**
   * Bytes that crossed an availability-zone boundary, by cause: follower fetches from a leader in another
   * zone; producers writing to a leader in another zone; consumers fetching from a replica in another
   * zone; MirrorMaker 2 copying to a target cluster in another zone of the same region.
   */
  crossAzBytes: { replication: number; producer: number; consumer: number; mirror: number };
}

/**
 * Line items in dollars over the run; items that are zero are omitted.
 *
 * Self-managed on EC2: instance-hours, gp3 storage and any gp3 throughput provisioned above 125 MiB/s
 * (none on i3en, whose NVMe is included), and cross-AZ transfer for replication, producer, consumer and
 * mirroring traffic at $0.01/GB charged on each side.
 *
 * Amazon MSK: broker-hours, broker storage, and cross-AZ transfer for client and mirroring traffic
 * ("You pay standard AWS data transfer charges for data transferred in and out of the MSK cluster");
 * replication between brokers is free ("There is no charge for data transfer used for replication
 * between brokers", aws.amazon.com/msk/pricing), so it has no line item.
 *
 * Not modelled: MSK provisioned storage throughput, Express brokers and Serverless, the EC2 instances
 * that run producers, consumers and MirrorMaker 2, cross-region transfer, and savings plans.
 */
export function kafkaCostItems(usage: KafkaUsage, prices: KafkaPrices = {}): Record<string, number> {
  const p = { ...KAFKA_PRICES, ...definedOnly(prices) };
  const items: Record<string, number> = {};
  const add = (name: string, amount: number) => {
    if (amount !== 0) items[name] = amount;
  };
  const crossAz = (bytes: number) => (bytes / BYTES_PER_GB) * p.crossAzPerGBEachDirection * 2;
  const brokerHour = prices.brokerHour ?? usage.instance.pricePerHour;

  if (usage.deployment === 'self-managed') {
    add('broker instance-hours', usage.brokerHours * brokerHour);
    if (usage.instance.storage === 'ebs') {
      add('EBS storage (GB-months)', usage.storageGBMonths * (prices.ebsGp3GBMonth ?? usage.instance.storagePricePerGBMonth));
      const extraMiBps = Math.max(0, (usage.instance.ebsProvisionedThroughputMiBps ?? GP3_BASELINE_MIBPS) - GP3_BASELINE_MIBPS);
      add('EBS provisioned throughput', (usage.brokerHours / HOURS_PER_MONTH) * extraMiBps * p.ebsGp3ThroughputMiBpsMonth);
    }
    add('cross-AZ replication (GB)', crossAz(usage.crossAzBytes.replication));
  } else {
    add('MSK broker-hours', usage.brokerHours * brokerHour);
    add('MSK storage (GB-months)', usage.storageGBMonths * (prices.mskStorageGBMonth ?? usage.instance.storagePricePerGBMonth));
  }
  add('cross-AZ producer traffic (GB)', crossAz(usage.crossAzBytes.producer));
  add('cross-AZ consumer traffic (GB)', crossAz(usage.crossAzBytes.consumer));
  add('cross-AZ mirroring (GB)', crossAz(usage.crossAzBytes.mirror));
  return items;
}

function definedOnly<T extends object>(overrides: T): Partial<T> {
  return Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<T>;
}
