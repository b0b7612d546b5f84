import { describe, expect, it } from 'vitest';
import {
  customInstanceSchema, EC2_INSTANCES, GP3_PRICE_PER_GB_MONTH, MSK_INSTANCES, MSK_STORAGE_PRICE_PER_GB_MONTH, resolveInstance,
} from '../../../src/models/kafka/instances.ts';

const MBps = 1e6;
const MiB = 1024 * 1024;

describe('EC2 broker presets (self-managed Kafka)', () => {
  it('has the brief\'s sizes with cited sources', () => {
    for (const name of ['m5.large', 'm5.xlarge', 'm5.2xlarge', 'r5.xlarge', 'r5.2xlarge', 'i3en.large', 'i3en.xlarge', 'i3en.2xlarge']) {
      const preset = EC2_INSTANCES[name];
      expect(preset.name).toBe(name);
      expect(preset.source.length).toBeGreaterThan(20);
    }
  });

  it('uses the baseline network bandwidth, not the "up to 10 Gbps" burst: m5.large 0.75 Gbps = 93.75 MB/s', () => {
    expect(EC2_INSTANCES['m5.large'].networkBytesPerSec).toBe(93.75 * MBps);
    expect(EC2_INSTANCES['m5.xlarge'].networkBytesPerSec).toBe(156.25 * MBps); // 1.25 Gbps
    expect(EC2_INSTANCES['i3en.2xlarge'].networkBytesPerSec).toBe(1050 * MBps); // 8.4 Gbps
  });

  it('an m5.large broker writes at its EBS-optimized baseline, 650 Mbps = 81.25 MB/s, below the gp3 volume\'s 125 MiB/s', () => {
    const m5 = EC2_INSTANCES['m5.large'];
    expect(m5.diskBytesPerSec).toBe(81.25 * MBps);
    expect(m5.ebsProvisionedThroughputMiBps).toBe(125); // the free gp3 baseline is enough
    expect(m5.storage).toBe('ebs');
    expect(m5.diskBytes).toBe(1000e9);
    expect(m5.storagePricePerGBMonth).toBe(GP3_PRICE_PER_GB_MONTH);
  });

  it('bigger EBS presets provision gp3 throughput up to the instance baseline (m5.2xlarge: 2,300 Mbps = 287.5 MB/s, 275 MiB/s)', () => {
    const m5 = EC2_INSTANCES['m5.2xlarge'];
    expect(m5.ebsProvisionedThroughputMiBps).toBe(275);
    expect(m5.diskBytesPerSec).toBe(287.5 * MBps);
    expect(m5.ebsProvisionedThroughputMiBps! * MiB).toBeGreaterThanOrEqual(m5.diskBytesPerSec);
  });

  it('i3en keeps the log on included NVMe: no storage charge, 2 x 2,500 GB and about 655 MB/s on the 2xlarge', () => {
    const i3en = EC2_INSTANCES['i3en.2xlarge'];
    expect(i3en.storage).toBe('local-nvme');
    expect(i3en.storagePricePerGBMonth).toBe(0);
    expect(i3en.diskBytes).toBe(5000e9);
    expect(i3en.diskBytesPerSec).toBe(655 * MBps);
    expect(EC2_INSTANCES['i3en.large'].diskBytesPerSec).toBeLessThan(EC2_INSTANCES['i3en.xlarge'].diskBytesPerSec);
  });

  it('prices are us-east-1 on-demand: m5.large $0.096/h, r5.2xlarge $0.504/h, i3en.xlarge $0.452/h', () => {
    expect(EC2_INSTANCES['m5.large'].pricePerHour).toBe(0.096);
    expect(EC2_INSTANCES['r5.2xlarge'].pricePerHour).toBe(0.504);
    expect(EC2_INSTANCES['i3en.xlarge'].pricePerHour).toBe(0.452);
  });
});

describe('MSK broker presets', () => {
  it('has the brief\'s sizes; kafka.m5.large is $0.21/h with storage at $0.10/GB-month', () => {
    for (const name of ['kafka.m5.large', 'kafka.m5.xlarge', 'kafka.m5.2xlarge', 'kafka.m5.4xlarge', 'kafka.m7g.large', 'kafka.m7g.xlarge']) {
      expect(MSK_INSTANCES[name].name).toBe(name);
    }
    expect(MSK_INSTANCES['kafka.m5.large'].pricePerHour).toBe(0.21);
    expect(MSK_INSTANCES['kafka.m5.large'].storagePricePerGBMonth).toBe(MSK_STORAGE_PRICE_PER_GB_MONTH);
  });

  it('disk is MSK\'s default 250 MiB/s unless the instance\'s EBS link is slower', () => {
    expect(MSK_INSTANCES['kafka.m5.4xlarge'].diskBytesPerSec).toBe(250 * MiB);
    expect(MSK_INSTANCES['kafka.m5.2xlarge'].diskBytesPerSec).toBe(250 * MiB); // 287.5 MB/s link > 262 MB/s volume
    expect(MSK_INSTANCES['kafka.m5.large'].diskBytesPerSec).toBe(81.25 * MBps);
  });
});

describe('resolveInstance', () => {
  it('finds presets per deployment, and accepts MSK names without the kafka. prefix', () => {
    expect(resolveInstance('self-managed', 'm5.xlarge')).toBe(EC2_INSTANCES['m5.xlarge']);
    expect(resolveInstance('msk', 'kafka.m5.xlarge')).toBe(MSK_INSTANCES['kafka.m5.xlarge']);
    expect(resolveInstance('msk', 'm5.xlarge')).toBe(MSK_INSTANCES['kafka.m5.xlarge']);
  });

  it('returns undefined for unknown names, for i3en on MSK, and for prototype keys', () => {
    expect(resolveInstance('self-managed', 'm9.huge')).toBeUndefined();
    expect(resolveInstance('msk', 'i3en.large')).toBeUndefined();
    expect(resolveInstance('self-managed', 'toString')).toBeUndefined();
    expect(resolveInstance('self-managed', 'kafka.m5.large')).toBeUndefined();
  });

  it('builds a custom instance from scenario units: 10 Gbps, 500 MB/s, 2,000 GB, $0.50/h', () => {
    const custom = resolveInstance('self-managed', { vcpus: 8, networkGbps: 10, diskMBps: 500, diskGB: 2000, pricePerHour: 0.5 })!;
    expect(custom.networkBytesPerSec).toBe(1.25e9);
    expect(custom.diskBytesPerSec).toBe(500e6);
    expect(custom.diskBytes).toBe(2000e9);
    expect(custom.memoryGiB).toBe(32); // 4 GiB per vCPU when not given
    expect(custom.storagePricePerGBMonth).toBe(GP3_PRICE_PER_GB_MONTH);
    expect(resolveInstance('msk', { vcpus: 2, networkGbps: 1, diskMBps: 100, diskGB: 100, pricePerHour: 0.2, memoryGiB: 8 })!.storagePricePerGBMonth)
      .toBe(MSK_STORAGE_PRICE_PER_GB_MONTH);
  });

  it('the custom schema is strict and wants positive sizes', () => {
    expect(customInstanceSchema.safeParse({ vcpus: 2, networkGbps: 1, diskMBps: 100, diskGB: 100, pricePerHour: 0.1, gpu: 1 }).success).toBe(false);
    expect(customInstanceSchema.safeParse({ vcpus: 2, networkGbps: 0, diskMBps: 100, diskGB: 100, pricePerHour: 0.1 }).success).toBe(false);
    expect(customInstanceSchema.safeParse({ vcpus: 2, networkGbps: 1, diskMBps: 100, diskGB: 100 }).success).toBe(false);
  });
});
