import { z } from 'zod';

/**
 * Broker hardware and hourly prices for the two deployment kinds (docs/models/kafka.md): self-managed Kafka on
 * EC2 and Amazon MSK (Standard brokers), us-east-1, on-demand, Linux.
 *
 * What the model reads from a preset, and why these figures:
 * - networkBytesPerSec: the instance's BASELINE bandwidth, not the "up to 10 Gbps" / "up to 25 Gbps"
 *   figure. AWS: instances of 16 vCPUs or fewer "are documented as having 'up to' a specified
 *   bandwidth ... These instances have a baseline bandwidth. To meet additional demand, they can use a
 *   network I/O credit mechanism to burst ... for a limited time, typically from 5 to 60 minutes"
 *   (docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-network-bandwidth.html). A broker
 *   replicating and serving consumers around the clock runs on the baseline once credits are spent.
 *   Baselines: aws/karpenter-provider-aws pkg/providers/instancetype/zz_generated.bandwidth.go
 *   (generated from the EC2 DescribeInstanceTypes data: m5.large 750 Mbps, m5.xlarge 1,250,
 *   m5.2xlarge 2,500, m5.4xlarge 5,000, r5.xlarge 1,250, r5.2xlarge 2,500, i3en.large 2,100,
 *   i3en.xlarge 4,200, i3en.2xlarge 8,400, m7g.large 937, m7g.xlarge 1,876); m5.large 0.75 Gbps
 *   baseline / 10 Gbps peak also in a DescribeInstanceTypes output stored in our corpus.
 * - diskBytesPerSec: what sustains for hours, i.e. the smallest of the volume's throughput and the
 *   instance's EBS-optimized BASELINE (its burst to the maximum lasts 30 minutes a day).
 * - Units: GB = 10^9 bytes, MB = 10^6 bytes (AWS's EBS and pricing units), Gbps = 10^9 bits/s,
 *   MiB = 2^20 bytes (gp3 and MSK throughput settings are in MiB/s).
 */
export interface BrokerInstance {
  name: string;
  vcpus: number;
  memoryGiB: number;
  /** Sustained (baseline) network bandwidth, each direction. */
  networkBytesPerSec: number;
  /** Sustained disk throughput for the log (writes and reads of old data share it). */
  diskBytesPerSec: number;
  /** Log capacity per broker. */
  diskBytes: number;
  /** On-demand price per broker-hour, USD. */
  pricePerHour: number;
  storage: 'ebs' | 'local-nvme';
  /** USD per GB-month of storage billed beside the instance (0 when included, as instance store is). */
  storagePricePerGBMonth: number;
  /** gp3 throughput provisioned on the volume, MiB/s; 125 are included, the excess is billed per MiB/s-month (self-managed EBS only). */
  ebsProvisionedThroughputMiBps?: number;
  /** Where each figure comes from. */
  source: string;
}

const GB = 1e9;
const MB = 1e6;
const MiB = 1024 * 1024;
const GBPS = 1e9 / 8;
const MBPS = 1e6 / 8;

/**
 * The EBS data volume assumed on every EBS-backed EC2 preset: one gp3 volume of 1,000 GB. A scenario
 * that needs another size defines its own instance. (AWS sizes volumes in GiB and bills them as "GB";
 * we take 1,000 GB = 10^12 bytes for both capacity and billing, a 2.4 % simplification.)
 */
export const EBS_VOLUME_BYTES = 1000 * GB;
/** gp3 baseline throughput included in the volume price, 125 MiB/s (max 1,000). saisci.com "gp3 Throughput Explained" (Jan 2021, secondary; AWS EBS volume types page). */
export const GP3_BASELINE_MIBPS = 125;
/** gp3 baseline IOPS included in the price, 3,000 (same source). Kafka's large sequential appends are throughput-bound, so IOPS is not modelled. */
export const GP3_BASELINE_IOPS = 3000;
/** MSK Standard broker default storage throughput, 250 MiB/s ("250 MiB per second is the default"). AWS MSK developer guide, msk-provision-throughput-management. */
export const MSK_DEFAULT_STORAGE_MIBPS = 250;
/** gp3 storage, USD per GB-month, us-east-1. saisci.com (secondary, us-east-1); several cost tables agree on $0.08 (aws.amazon.com/ebs/pricing not read directly). */
export const GP3_PRICE_PER_GB_MONTH = 0.08;
/** MSK Standard broker storage, USD per GB-month. Public cost tables quoting aws.amazon.com/msk/pricing (secondary). */
export const MSK_STORAGE_PRICE_PER_GB_MONTH = 0.1;

/**
 * gp3 throughput provisioned so that the volume is not the bottleneck: the instance's EBS baseline,
 * rounded up to whole MiB/s, never below the free 125 MiB/s. Then the instance's EBS link binds, as on
 * a tuned Kafka host.
 */
function gp3ThroughputFor(ebsBaselineBytesPerSec: number): number {
  return Math.max(GP3_BASELINE_MIBPS, Math.ceil(ebsBaselineBytesPerSec / MiB));
}

const EC2_PRICES_SOURCE =
  'us-east-1 on-demand Linux price as listed by several public cost tables that quote aws.amazon.com/ec2/pricing/on-demand (secondary; all agree)';
const BASELINE_SOURCE = 'baseline network: karpenter-provider-aws zz_generated.bandwidth.go';

function ebsInstance(name: string, vcpus: number, memoryGiB: number, networkMbps: number, ebsBaselineMbps: number, pricePerHour: number): BrokerInstance {
  const ebsBaseline = ebsBaselineMbps * MBPS;
  const provisioned = gp3ThroughputFor(ebsBaseline);
  return {
    name, vcpus, memoryGiB,
    networkBytesPerSec: networkMbps * MBPS,
    diskBytesPerSec: Math.min(provisioned * MiB, ebsBaseline),
    diskBytes: EBS_VOLUME_BYTES,
    pricePerHour,
    storage: 'ebs',
    storagePricePerGBMonth: GP3_PRICE_PER_GB_MONTH,
    ebsProvisionedThroughputMiBps: provisioned,
    source: `${BASELINE_SOURCE}; EBS-optimized baseline ${ebsBaselineMbps} Mbps (AWS EBS-optimized instances baseline table); one 1,000 GB gp3 volume at ${provisioned} MiB/s; ${EC2_PRICES_SOURCE}`,
  };
}

/**
 * i3en local NVMe. Sizes and IOPS from the EC2 Instance Types guide, storage optimized, "Instance
 * store specifications" (i3en.large 1 x 1250 GB, 42,500 / 32,500 random read / write IOPS; xlarge
 * 1 x 2500 GB, 85,000 / 65,000; 2xlarge 2 x 2500 GB, 170,000 / 130,000). AWS publishes IOPS, not
 * sequential throughput, for instance store; the measured figure we have is Confluent's 2020 OMB
 * benchmark on three i3en.2xlarge brokers with RF 3, where each broker's disks absorbed about 655 MB/s
 * (Confluent blog, "Benchmarking Apache Kafka, Apache Pulsar, and RabbitMQ"; the same benchmark reports a 605 MB/s Kafka peak, developer.confluent.io
 * "Apache Kafka Performance"). The smaller sizes are scaled from it by the write-IOPS ratio (1/4 and
 * 1/2): an estimate, not a measurement.
 */
const I3EN_2XLARGE_DISK_BYTES_PER_SEC = 655 * MB;

function nvmeInstance(name: string, vcpus: number, memoryGiB: number, networkMbps: number, diskBytes: number, diskShare: number, pricePerHour: number): BrokerInstance {
  return {
    name, vcpus, memoryGiB,
    networkBytesPerSec: networkMbps * MBPS,
    diskBytesPerSec: I3EN_2XLARGE_DISK_BYTES_PER_SEC * diskShare,
    diskBytes,
    pricePerHour,
    storage: 'local-nvme',
    storagePricePerGBMonth: 0,
    source: `${BASELINE_SOURCE}; instance store ${diskBytes / GB} GB NVMe; disk ${diskShare === 1 ? '' : `${diskShare} x `}655 MB/s measured on i3en.2xlarge (Confluent 2020 benchmark)${diskShare === 1 ? '' : ', scaled by AWS write-IOPS ratio (estimate)'}; ${EC2_PRICES_SOURCE}`,
  };
}

/**
 * EBS-optimized baselines (what the instance sustains to EBS beyond 30 minutes a day): m5 and r5
 * large 650, xlarge 1,150, 2xlarge 2,300 Mbps (81.25 / 143.75 / 287.5 MB/s), burst 4,750 Mbps. AWS EC2
 * user guide "Amazon EBS-optimized instances", baseline table (awsdocs/amazon-ec2-user-guide
 * doc_source/ebs-optimized.md); m5.large also in a DescribeInstanceTypes output in our corpus.
 */
export const EC2_INSTANCES: Record<string, BrokerInstance> = {
  'm5.large': ebsInstance('m5.large', 2, 8, 750, 650, 0.096),
  'm5.xlarge': ebsInstance('m5.xlarge', 4, 16, 1250, 1150, 0.192),
  'm5.2xlarge': ebsInstance('m5.2xlarge', 8, 32, 2500, 2300, 0.384),
  'r5.xlarge': ebsInstance('r5.xlarge', 4, 32, 1250, 1150, 0.252),
  'r5.2xlarge': ebsInstance('r5.2xlarge', 8, 64, 2500, 2300, 0.504),
  'i3en.large': nvmeInstance('i3en.large', 2, 16, 2100, 1250 * GB, 0.25, 0.226),
  'i3en.xlarge': nvmeInstance('i3en.xlarge', 4, 32, 4200, 2500 * GB, 0.5, 0.452),
  'i3en.2xlarge': nvmeInstance('i3en.2xlarge', 8, 64, 8400, 2 * 2500 * GB, 1, 0.904),
};

/**
 * MSK Standard brokers run on the EC2 instance of the same name. Disk: MSK's default 250 MiB/s volume
 * throughput, capped by the instance's EC2-to-EBS baseline, which MSK names as the other storage
 * bottleneck; MSK's table of maximum provisioned throughput (kafka.m5.4xlarge 593, kafka.m7g.2xlarge
 * 312.5, kafka.m7g.4xlarge 625 MiB/s) equals those EBS baselines. Provisioned storage throughput
 * (m5.4xlarge and up) is not in the presets. Volume: 1,000 GB per broker, as on EC2. Broker-hour
 * prices: public cost tables quoting aws.amazon.com/msk/pricing (secondary).
 */
function mskInstance(name: string, vcpus: number, memoryGiB: number, networkMbps: number, ebsBaselineMbps: number, pricePerHour: number): BrokerInstance {
  return {
    name, vcpus, memoryGiB,
    networkBytesPerSec: networkMbps * MBPS,
    diskBytesPerSec: Math.min(MSK_DEFAULT_STORAGE_MIBPS * MiB, ebsBaselineMbps * MBPS),
    diskBytes: EBS_VOLUME_BYTES,
    pricePerHour,
    storage: 'ebs',
    storagePricePerGBMonth: MSK_STORAGE_PRICE_PER_GB_MONTH,
    source: `${BASELINE_SOURCE}; MSK default storage throughput 250 MiB/s capped by the EC2 EBS baseline ${ebsBaselineMbps} Mbps; broker-hour and storage prices from public tables quoting aws.amazon.com/msk/pricing (secondary)`,
  };
}

export const MSK_INSTANCES: Record<string, BrokerInstance> = {
  'kafka.m5.large': mskInstance('kafka.m5.large', 2, 8, 750, 650, 0.21),
  'kafka.m5.xlarge': mskInstance('kafka.m5.xlarge', 4, 16, 1250, 1150, 0.42),
  'kafka.m5.2xlarge': mskInstance('kafka.m5.2xlarge', 8, 32, 2500, 2300, 0.84),
  'kafka.m5.4xlarge': mskInstance('kafka.m5.4xlarge', 16, 64, 5000, 4750, 1.68),
  // m7g EBS baselines 630 and 1,250 Mbps: EC2 Instance Types guide, general purpose, "Amazon EBS
  // specifications" (630 / 10,000 and 1,250 / 10,000 Mbps); its 2xlarge and 4xlarge values, 2,500 and
  // 5,000 Mbps = 312.5 and 625 MB/s, are the figures of MSK's table above.
  'kafka.m7g.large': mskInstance('kafka.m7g.large', 2, 8, 937, 630, 0.204),
  'kafka.m7g.xlarge': mskInstance('kafka.m7g.xlarge', 4, 16, 1876, 1250, 0.408),
};

/**
 * A scenario's own broker hardware (`systems.kafka.instance: {vcpus, networkGbps, diskMBps, diskGB,
 * pricePerHour}`). networkGbps is the sustained bandwidth (10^9 bits/s), diskMBps the sustained disk
 * throughput (10^6 bytes/s), diskGB the log capacity (10^9 bytes), pricePerHour the all-in broker-hour
 * price in USD. Storage is billed beside it at the deployment's storage price (gp3 or MSK).
 */
export const customInstanceSchema = z.strictObject({
  vcpus: z.int().positive(),
  networkGbps: z.number().positive(),
  diskMBps: z.number().positive(),
  diskGB: z.number().positive(),
  pricePerHour: z.number().nonnegative(),
  memoryGiB: z.number().positive().optional(),
});

export type CustomInstance = z.output<typeof customInstanceSchema>;

/** Memory assumed for a custom instance that does not give it: 4 GiB per vCPU, the m5 ratio (m5.large 8 GiB / 2 vCPUs). */
export const DEFAULT_MEMORY_GIB_PER_VCPU = 4;

/** Preset names a deployment accepts (for error messages). */
export function instanceNames(deployment: 'self-managed' | 'msk'): string[] {
  return Object.keys(deployment === 'msk' ? MSK_INSTANCES : EC2_INSTANCES);
}

/**
 * The broker hardware for a scenario's `instance`: a preset name or a custom definition. On MSK the
 * `kafka.` prefix may be left out (`m5.large` means `kafka.m5.large`), so one scenario can switch
 * deployment without renaming. Undefined when the name is not a preset of that deployment.
 */
export function resolveInstance(deployment: 'self-managed' | 'msk', spec: string | CustomInstance): BrokerInstance | undefined {
  if (typeof spec === 'string') {
    const presets = deployment === 'msk' ? MSK_INSTANCES : EC2_INSTANCES;
    const name = deployment === 'msk' && !spec.startsWith('kafka.') ? `kafka.${spec}` : spec;
    return Object.hasOwn(presets, name) ? presets[name] : undefined;
  }
  const custom = customInstanceSchema.parse(spec);
  return {
    name: 'custom',
    vcpus: custom.vcpus,
    memoryGiB: custom.memoryGiB ?? custom.vcpus * DEFAULT_MEMORY_GIB_PER_VCPU,
    networkBytesPerSec: custom.networkGbps * GBPS,
    diskBytesPerSec: custom.diskMBps * MB,
    diskBytes: custom.diskGB * GB,
    pricePerHour: custom.pricePerHour,
    storage: 'ebs',
    storagePricePerGBMonth: deployment === 'msk' ? MSK_STORAGE_PRICE_PER_GB_MONTH : GP3_PRICE_PER_GB_MONTH,
    source: 'defined in the scenario',
  };
}
