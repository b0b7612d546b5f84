import { describe, expect, it } from 'vitest';
import { runKafka } from '../kafka/run-kafka.ts';
import { bottlenecks, sustainedPerSecond } from './helpers.ts';

const MB = 1e6;

/** One producer of 1 KB records at `rate`, and `groups` consumer applications; `kafka` is the body of systems.kafka. */
function scenario(rate: string, kafka: string, groups = 0, duration = '6s'): string {
  const apps = Array.from({ length: groups }, (_, i) => `    - {name: g${i}, instances: 3}`).join('\n');
  return `
name: bound
duration: ${duration}
sampleInterval: 250ms
workload:
  producers:
    - {name: p, rate: ${rate}, recordSize: 1KB, keys: {count: 10000}}
  consumers:
${apps || '    []'}
systems:
  kafka:
    brokers: 3
    zones: 3
    partitions: 12
    replicationFactor: 3
${kafka}
`.replace('  consumers:\n    []', '  consumers: []');
}

/**
 * A client whose own limits are far above the cluster's: 20 requests in flight per connection
 * (idempotence, which allows at most 5, off), 64 KiB batches, 256 MiB of buffer.
 */
const ROOMY_PRODUCER = '    producer: {lingerMs: 5, batchSize: 64KiB, bufferMemory: 256MiB, maxInFlight: 20, idempotence: false}';

describe('Kafka saturates where its hardware says', () => {
  it('client-network-bound: a producer machine with a 20 MB/s link sends at most 20 MB/s, however large the cluster', () => {
    const link = 20 * MB;
    const yaml = scenario('40000/s', `    instance: i3en.2xlarge\n${ROOMY_PRODUCER}`).replace('keys: {count: 10000}}', 'keys: {count: 10000}, network: 20MB/s}');
    const { result, kafka } = runKafka(yaml);
    const accepted = sustainedPerSecond(result, 'kafka.throughput.inBytes');
    expect(Math.abs(accepted - link) / link).toBeLessThan(0.1);
    expect(bottlenecks(kafka)[0].name).toBe('producer p network');
  });

  it('disk-bound: with RF 3 on three brokers each broker writes the whole ingress, so 100 MB/s disks cap it at 100 MB/s', () => {
    const diskMBps = 100;
    const bound = (diskMBps * MB * 3) / 3; // disk · brokers / RF
    // 0.25 GiB of memory: the kernel's dirty limit (20 %) is soon reached and writers wait for the disk.
    const instance = `    instance: {vcpus: 8, networkGbps: 10, diskMBps: ${diskMBps}, diskGB: 1000, pricePerHour: 1, memoryGiB: 0.25}\n    brokerHeap: 64MiB`;
    const { result, kafka } = runKafka(scenario('150000/s', `${instance}\n${ROOMY_PRODUCER}`));
    const accepted = sustainedPerSecond(result, 'kafka.throughput.inBytes');
    expect(Math.abs(accepted - bound) / bound).toBeLessThan(0.1);
    expect(bottlenecks(kafka)[0].name).toMatch(/^broker \d disk$/);
    expect(bottlenecks(kafka)[0].utilisation).toBeGreaterThanOrEqual(0.9);
  });

  it('network-bound: on 0.4 Gbps NICs with two consumer groups each broker sends ingress × (RF − 1 + groups) / brokers, so 50 MB/s × 3 / 4 = 37.5 MB/s', () => {
    const nicBytesPerSec = (0.4e9 / 8); // 50 MB/s each way
    const groups = 2;
    const bound = (nicBytesPerSec * 3) / (groups + 3 - 1);
    const instance = '    instance: {vcpus: 2, networkGbps: 0.4, diskMBps: 1000, diskGB: 1000, pricePerHour: 0.1, memoryGiB: 8}';
    const { result, kafka } = runKafka(scenario('60000/s', `${instance}\n${ROOMY_PRODUCER}`, groups));
    const accepted = sustainedPerSecond(result, 'kafka.throughput.inBytes');
    expect(Math.abs(accepted - bound) / bound).toBeLessThan(0.1);
    expect(bottlenecks(kafka)[0].name).toMatch(/^broker \d network out$/);
  });

  it('AWS MSK right-sizing: max throughput = min(storage · brokers / RF, EBS network · brokers / RF, EC2 network · brokers / (groups + RF − 1))', () => {
    // kafka.m5.large: 250 MiB/s default storage throughput, 650 Mbps EBS baseline, 750 Mbps EC2 baseline.
    const storage = 250 * 1024 * 1024;
    const ebs = 650e6 / 8;
    const ec2 = 750e6 / 8;
    const [brokers, rf, groups] = [3, 3, 2];
    const bound = Math.min((storage * brokers) / rf, (ebs * brokers) / rf, (ec2 * brokers) / (groups + rf - 1));
    expect(bound).toBeCloseTo(70.3125 * MB, -3); // the EC2 network binds: 93.75 MB/s × 3 / 4
    const { result, kafka } = runKafka(scenario('100000/s', `    deployment: msk\n    instance: kafka.m5.large\n${ROOMY_PRODUCER}`, groups));
    const accepted = sustainedPerSecond(result, 'kafka.throughput.inBytes');
    expect(Math.abs(accepted - bound) / bound).toBeLessThan(0.1);
    expect(bottlenecks(kafka)[0].name).toMatch(/^broker \d network out$/);
  });

  it('producer-bound: with max.in.flight.requests.per.connection 1 and a 20 ms round trip, each broker connection carries one request per 20 ms', () => {
    // acks=1: a request is answered after one round trip. Each request carries one batch per
    // partition the broker leads (4 of 12), each full at batch.size 16 KiB when records wait.
    const batchSize = 16 * 1024;
    const partitionsPerBroker = 12 / 3;
    const rttSeconds = 0.02;
    const bound = (3 * partitionsPerBroker * batchSize) / rttSeconds; // 9.8 MB/s of wire bytes
    const kafka = `    network: {sameZoneRtt: 20ms, crossZoneRtt: 20ms}\n    producer: {acks: 1, maxInFlight: 1}`;
    const { result, kafka: summary } = runKafka(scenario('15000/s', kafka));
    const accepted = sustainedPerSecond(result, 'kafka.throughput.inBytes');
    expect(Math.abs(accepted - bound) / bound).toBeLessThan(0.1);
    expect(bottlenecks(summary)[0].name).toBe('producer p in-flight requests');
    expect(bottlenecks(summary)[0].utilisation).toBeGreaterThanOrEqual(0.9);
  });
});
