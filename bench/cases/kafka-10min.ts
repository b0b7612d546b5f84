import { scenarioCase } from '../case.ts';

/**
 * Issue 4's benchmark: 3 brokers (one per zone), 100 partitions, RF 3, 200,000 records/s of 1 KB for
 * 10 simulated minutes (120 million records, ~200 MB/s in, ~400 MB/s of replication), acks=all with
 * the Kafka 4 producer defaults, one consumer application of 4 instances. Requests, replica fetches and
 * consumer fetches are the events; records are counted in batches and chunks, so memory stays flat.
 */
const SCENARIO = `
name: kafka-10min
duration: 10m
workload:
  producers:
    - {name: events, rate: 200000/s, recordSize: 1KB, keys: {count: 100000}}
  consumers:
    - {name: analytics, instances: 4}
systems:
  kafka:
    instance: m5.2xlarge
    brokers: 3
    zones: 3
    partitions: 100
    replicationFactor: 3
    minInsyncReplicas: 2
`;

export default scenarioCase({
  name: 'kafka-10min',
  description: '10 simulated minutes, 200,000 records/s of 1 KB, 3 brokers, 100 partitions, RF 3, 1 consumer group of 4',
  targets: { wallSeconds: 60, peakMB: 1024 },
  scenarioYaml: SCENARIO,
  system: 'kafka',
});
