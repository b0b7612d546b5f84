import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { buildCharts } from '../../src/report/charts.ts';
import { CollectingLogger } from '../../src/report/svg.ts';
import { renderWarnings } from './compile-check.ts';
import { runScenario } from '../../src/simulation/run.ts';
import { parseScenario } from '../../src/scenario/load.ts';
import { syntheticResult } from './fixtures.ts';

const WORKLOAD_ONLY = `name: workload only
duration: 20m
workload:
  producers:
    - {name: clicks, rate: {schedule: [{at: 0s, rate: 500/s}, {at: 10m, rate: 2000/s}]}, recordSize: 2KB}
  consumers:
    - {name: analytics}
timeline:
  - {at: 5m, consumerOutage: {app: analytics, for: 2m}}
`;

const runs = {
  'both systems, two apps, timeline': syntheticResult(),
  'kinesis only, one app': syntheticResult({ systems: ['kinesis'], apps: ['analytics'] }),
  'kafka only, six apps, no timeline': syntheticResult({ systems: ['kafka'], apps: ['a', 'b', 'c', 'd', 'e', 'f'], timeline: [] }),
  'a month at one hour': syntheticResult({ durationSeconds: 31 * 86_400, sampleIntervalSeconds: 3600 }),
  'workload only (runScenario without systems)': runScenario(parseScenario(WORKLOAD_ONLY, 'w.yaml')),
};

describe('Vega-Lite specs', () => {
  for (const [name, result] of Object.entries(runs)) {
    it(`every chart of "${name}" compiles and renders with no warning`, async () => {
      const charts = buildCharts(result);
      expect(charts.length).toBeGreaterThan(0);
      for (const chart of charts) {
        expect(await renderWarnings(chart.spec), chart.id).toEqual([]);
      }
    });
  }

  it('a wrong spec does produce a warning here (so the test above can fail)', () => {
    const logger = new CollectingLogger();
    compile({ data: { values: [{ a: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative' }, shape: { field: 'a', type: 'nominal' } } } as any, { logger });
    expect(logger.warnings.join('\n')).toMatch(/shape dropped/);
  });
});
