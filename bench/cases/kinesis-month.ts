import { scenarioCase } from '../case.ts';

/**
 * A month of steady traffic on a provisioned stream: 100 records/s of 35 KB on 4 shards,
 * one KCL polling application, 7-day retention, KPL producer with its defaults. About 268 million
 * records: the run must stay request-level (a PutRecords call or a GetRecords call is an event) and
 * its memory must not grow with the records (shard logs are chunks; latencies are histograms). It
 * uses both cores: a worker generates and groups the records ahead (src/models/kinesis/record-feed.ts).
 */
const SCENARIO = `
name: kinesis-31d
duration: 31d
workload:
  producers:
    - {name: events, rate: 100/s, recordSize: 35KB}
  consumers:
    - {name: archive}
systems:
  kinesis:
    shards: 4
    retention: 7d
    producer: {client: kpl}
    consumers:
      archive: {type: polling}
`;

export default scenarioCase({
  name: 'kinesis-31d',
  description: '31 simulated days, 100 records/s of 35 KB, 4 shards, 1 polling application, 7-day retention',
  targets: { wallSeconds: 30, peakMB: 500 },
  scenarioYaml: SCENARIO,
  system: 'kinesis',
});
