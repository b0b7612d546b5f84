import path from 'node:path';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/index.ts';
import { estimateEvents } from '../../src/simulation/estimate.ts';
import { runScenario } from '../../src/simulation/run.ts';
import { MAX_RUN_EVENTS } from '../../src/scenario/limits.ts';
import { cli, withFiles } from '../cli/helpers.ts';

const kafka = (duration: string, rate: string) => `name: runaway
duration: ${duration}
workload:
  producers: [{name: clicks, rate: ${rate}}]
  consumers: [{name: app}]
systems:
  kafka: {}
`;

describe('runs are sized by the events they will execute, not only by their records', () => {
  it('the estimate of a 2-minute Kafka run is within a factor of 2 of the events it executes', () => {
    const scenario = parseScenario(kafka('2m', '80/s'), 'x.yaml');
    const estimate = estimateEvents(scenario);
    const { events } = runScenario(scenario);
    expect(estimate.events / events).toBeGreaterThan(0.5);
    expect(estimate.events / events).toBeLessThan(2);
  });

  it('400 days at 80 records/s on Kafka (3 billion records is the record limit; this is 2.8 million) is refused by its events', () => {
    const estimate = estimateEvents(parseScenario(kafka('400d', '80/s'), 'x.yaml'));
    expect(estimate.events).toBeGreaterThan(MAX_RUN_EVENTS);
  });

  it('the CLI refuses it before anything is written, with the estimate and the way out (--yes)', () => {
    const dir = withFiles({ 'long.yaml': kafka('400d', '80/s') });
    const out = path.join(dir, 'out');
    const r = cli(['run', path.join(dir, 'long.yaml'), '--out', out, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/long\.yaml: the run would execute about \d\.\de\+\d+ events \(its first 10s took [\d,]+\); more than 2e\+8 .* pass --yes to run it anyway/);
    expect(existsSync(out)).toBe(false);
  });
});
