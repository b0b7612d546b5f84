import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, runScenario } from '../../../src/index.ts';

const dir = path.join(import.meta.dirname, '..', '..', '..', 'scenarios');
const files = readdirSync(dir).filter((f) => /^kinesis-.*\.ya?ml$/.test(f)).sort();

describe('the Kinesis scenarios in scenarios/', () => {
  // Each scenario runs in full, conservation checked, in the golden runs (test/golden/).
  it('there are at least five Kinesis questions', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

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
