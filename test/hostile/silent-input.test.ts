import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/index.ts';
import { runScenario } from '../../src/simulation/run.ts';
import { describeTimelineEntry } from '../../src/simulation/describe.ts';
import { DAY } from '../../src/engine/time.ts';
import { problemsOf } from '../scenario/helpers.ts';

const KINESIS_ONLY = `name: zones
duration: 1m
workload: {producers: [{name: p, rate: 10/s}]}
systems:
  kinesis: {shards: 1}
timeline:
  - {at: 10s, zoneOutage: {zone: 7, for: 10s}}
`;

describe('input that would silently do nothing is refused or labelled', () => {
  it('a zone outage in zone 7 of a Kinesis-only scenario (Kinesis spans 3 zones) is refused', () => {
    expect(problemsOf(KINESIS_ONLY)).toEqual([
      '7:34 timeline.0.zoneOutage.zone: no system has a zone 7 (zones are numbered from 0: Kinesis 0 to 2); the outage would do nothing',
    ]);
    expect(problemsOf(KINESIS_ONLY.replace('zone: 7', 'zone: 2'))).toEqual([]);
  });

  it('a zone that only Kafka has is a valid outage when Kafka is in the scenario', () => {
    const both = KINESIS_ONLY.replace('kinesis: {shards: 1}', 'kinesis: {shards: 1}\n  kafka: {brokers: 8, zones: 8, replicationFactor: 3}');
    expect(problemsOf(both)).toEqual([]);
  });

  it('a retention change is labelled in human units (2d, not 172800000000)', () => {
    expect(describeTimelineEntry({ at: 0, kinesis: { retention: 2 * DAY } })).toBe('kinesis: retention 2d');
  });

  it('a second addBrokers while the first reassignment still runs is refused, as kafka-reassign-partitions does', () => {
    const scenario = parseScenario(
      `name: twice
duration: 20s
workload: {producers: [{name: p, rate: 2MB/s}]}
systems:
  kafka: {brokers: 3, partitions: 12, retention: 1h}
timeline:
  - {at: 5s, kafka: {addBrokers: 3, throttle: 1MB/s}}
  - {at: 6s, kafka: {addBrokers: 3}}
`,
      'x.yaml',
    );
    const kafka = runScenario(scenario).summary.systems.kafka as unknown as { reassignments: { brokersAdded: number; refused?: boolean }[] };
    expect(kafka.reassignments.map((r) => ({ added: r.brokersAdded, refused: r.refused ?? false }))).toEqual([
      { added: 3, refused: false },
      { added: 3, refused: true },
    ]);
  });
});
