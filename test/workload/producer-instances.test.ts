import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../../src/index.ts';
import { conservationViolations } from '../../src/simulation/conservation.ts';

const scenario = (instances: number) => `
name: instances
duration: 3s
workload:
  producers:
    - {name: clicks, rate: 3000/s, recordSize: 500B, keys: {count: 1000}, instances: ${instances}}
systems:
  kafka: {partitions: 6}
  kinesis: {shards: 4}
`;

describe('producer instances', () => {
  it('three instances each run their own client and share the rate; both systems receive the same records', () => {
    const result = runScenario(parseScenario(scenario(3), 'test.yaml'));
    const { kafka, kinesis } = result.summary.systems;
    expect(Object.keys(kafka!.producers as object)).toEqual(['clicks#0', 'clicks#1', 'clicks#2']);
    expect(kafka!.records.offered).toBe(kinesis!.records.offered);
    expect(result.summary.workload.producers.clicks.offeredRecords).toBe(kafka!.records.offered);
    expect(kafka!.records.offered).toBeGreaterThan(0.9 * 3 * 3000);
    expect(kafka!.records.offered).toBeLessThan(1.1 * 3 * 3000);
    expect(conservationViolations('kafka', kafka!)).toEqual([]);
    expect(conservationViolations('kinesis', kinesis!)).toEqual([]);
    // Each instance is a client of its own: its limits are reported one by one.
    const names = (kafka!.bottlenecks as { name: string }[]).map((b) => b.name);
    for (const i of [0, 1, 2]) expect(names).toContain(`producer clicks#${i} in-flight requests`);
  });

  it('one instance is the producer itself: the same records as a scenario without the key', () => {
    const one = runScenario(parseScenario(scenario(1), 'test.yaml'));
    const without = runScenario(parseScenario(scenario(1).replace(', instances: 1', ''), 'test.yaml'));
    expect(one.summary).toEqual(without.summary);
  });
});
