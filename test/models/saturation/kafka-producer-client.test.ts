import { describe, expect, it } from 'vitest';
import { runKafka } from '../kafka/run-kafka.ts';
import { bottlenecks, sustainedPerSecond } from './helpers.ts';

const MB = 1e6;
const KiB = 1024;

/** Three i3en.2xlarge brokers (655 MB/s disks, 8.4 Gbps NICs), RF 3, acks=all, linger.ms 1, batch.size 1 MiB (OMB's throughput driver). */
function i3en(producers: string, partitions: number, duration: string, extra = ''): string {
  return `
name: i3en
duration: ${duration}
sampleInterval: 250ms
workload:
  producers:
${producers}
  consumers:
    - {name: readers, instances: 4}
systems:
  kafka:
    instance: i3en.2xlarge
    brokers: 3
    partitions: ${partitions}
    replicationFactor: 3
    consumer: {groupProtocol: classic}
    producer: {acks: all, lingerMs: 1, batchSize: 1MiB${extra}}
`;
}

const producers = (n: number, rate: string) => Array.from({ length: n }, (_, i) => `    - {name: p${i + 1}, rate: ${rate}, recordSize: 1KiB, keys: {count: 100000}}`).join('\n');

describe('the Kafka producer client sends what its requests allow', () => {
  it('one client sustains over 100 MB/s of 1 KiB records: each request carries a batch per partition its broker leads, a few in flight per connection', () => {
    const { result, kafka } = runKafka(i3en(producers(1, '120000/s'), 12, '3s'));
    const accepted = sustainedPerSecond(result, 'kafka.throughput.inBytes');
    expect(accepted).toBeGreaterThan(100 * MB);
    expect(accepted).toBeGreaterThan(0.98 * 120_000 * KiB); // everything offered
    // The request arithmetic: throughput = connections × requests in flight × bytes per request / latency.
    const client = (kafka.producers as Record<string, { requests: number; requestLatencyMs: { p50: number } }>).p1;
    const seconds = 3;
    const bytesPerRequest = (kafka.records.accepted * KiB) / client.requests;
    const requestsPerSecondPerBroker = client.requests / seconds / 3;
    const inFlightPerConnection = requestsPerSecondPerBroker * (client.requestLatencyMs.p50 / 1000);
    expect(bytesPerRequest).toBeGreaterThan(4 * 4 * KiB); // 4 partitions per broker, each batch several records
    expect(client.requestLatencyMs.p50).toBeLessThan(5); // acks=all in one region: a few ms
    expect(inFlightPerConnection).toBeLessThan(5); // under max.in.flight.requests.per.connection
    expect(3 * inFlightPerConnection * bytesPerRequest / (client.requestLatencyMs.p50 / 1000)).toBeGreaterThan(0.8 * accepted);
  });

  it('four producers at 205 MB/s into 100 partitions: all accepted, consumers keep up within milliseconds', () => {
    // BufferPool reserves a whole batch.size per batch: 100 partitions × 1 MiB need more than the
    // default 32 MiB of buffer.memory, so each client gets 256 MiB (see the next test for 32 MiB).
    const { result, kafka } = runKafka(i3en(producers(4, '50000/s'), 100, '5s', ', bufferMemory: 256MiB'));
    expect(kafka.records.accepted / kafka.records.offered).toBeGreaterThan(0.999);
    const i = result.series.columns.indexOf('kafka.app.readers.latencyP99Ms');
    const afterJoin = result.series.rows.filter((row) => (row[0] as number) > 4); // classic groups wait 3 s (group.initial.rebalance.delay.ms)
    for (const row of afterJoin) expect(row[i] as number).toBeLessThan(50);
    expect(kafka.consumers.readers.backlog).toBeLessThan(5000); // under 10 ms of the 200,000 records/s
  });

  it('the same four producers with the default 32 MiB buffer.memory are limited by it: 32 nearly empty 1 MiB batches each', () => {
    const { kafka } = runKafka(i3en(producers(4, '50000/s'), 100, '3s'));
    expect(kafka.records.accepted / kafka.records.offered).toBeLessThan(0.75);
    expect(bottlenecks(kafka)[0].name).toMatch(/^producer p\d buffer\.memory$/);
  });

  it('at 1 GB/s offered the cluster saturates and names its bottleneck', () => {
    const { result, kafka } = runKafka(i3en(producers(4, '250000/s'), 100, '2s', ', bufferMemory: 256MiB'));
    expect(sustainedPerSecond(result, 'kafka.throughput.inBytes')).toBeLessThan(0.9 * 1_000_000 * KiB);
    const first = bottlenecks(kafka)[0];
    expect(first.name).toMatch(/^broker \d disk$/); // 655 MB/s each, and each broker writes the whole ingress
    expect(first.utilisation).toBeGreaterThanOrEqual(0.9);
  });
});
