import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, runScenario } from '../../../src/index.ts';
import { violations } from './helpers.ts';

const dir = path.join(import.meta.dirname, '..', '..', '..', 'scenarios');
const files = readdirSync(dir).filter((f) => /^kinesis-.*\.ya?ml$/.test(f)).sort();

describe('the Kinesis scenarios in scenarios/', () => {
  it('there are at least five Kinesis questions', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  for (const file of files) {
    it(`${file}: every record is accounted for (docs/design.md#conservation)`, () => {
      const { summary } = runScenario(loadScenarioFile(path.join(dir, file)));
      const kinesis = summary.systems.kinesis!;
      expect(kinesis.records.offered).toBeGreaterThan(0);
      expect(kinesis.records.lost).toBe(0);
      expect(violations(kinesis)).toEqual([]);
    });
  }

  it('the scenarios show what they are about', () => {
    const run = (name: string) => runScenario(loadScenarioFile(path.join(dir, `${name}.yaml`))).summary.systems.kinesis!;
    const hot = run('kinesis-hot-key');
    expect(hot.throttled.WriteProvisionedThroughputExceeded).toBeGreaterThan(0);
    const fanOut = run('kinesis-fan-out');
    expect(fanOut.throttled.ReadProvisionedThroughputExceeded).toBeGreaterThan(0);
    expect(fanOut.consumers.recommendations.latencyMs!.p50).toBeLessThan(fanOut.consumers.billing.latencyMs!.p50);
    const outage = run('kinesis-retention-outage');
    expect(outage.consumers.archive.expired).toBeGreaterThan(0);
    expect(outage.consumers.dashboard.expired).toBe(0);
  });
});
