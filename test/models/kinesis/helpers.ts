import { parseScenario, runScenario, type RunResult } from '../../../src/index.ts';
import { conservationViolations } from '../../../src/simulation/conservation.ts';
import type { SystemSummary } from '../../../src/simulation/result.ts';

/** Parses and runs a scenario written inline; returns the Kinesis summary, the whole result, and column readers. */
export function runKinesis(yaml: string): { kinesis: SystemSummary; result: RunResult; column: (name: string) => (number | undefined)[] } {
  const result = runScenario(parseScenario(yaml, 'test.yaml'));
  const kinesis = result.summary.systems.kinesis!;
  const column = (name: string) => {
    const i = result.series.columns.indexOf(`kinesis.${name}`);
    if (i < 0) throw new Error(`no column kinesis.${name}`);
    return result.series.rows.map((r) => r[i]);
  };
  return { kinesis, result, column };
}

/**
 * A one-producer scenario read by one polling application `app`: `producer` is the rest of producer
 * p's flow mapping, `kinesis` the lines of systems.kinesis before its consumers (indented by 4).
 */
export function pollingScenario(duration: string, producer: string, kinesis: string): string {
  return `
name: polling
duration: ${duration}
workload:
  producers:
    - {name: p, ${producer}}
  consumers:
    - {name: app}
systems:
  kinesis:
    ${kinesis}
    consumers:
      app: {type: polling}
`;
}

/** The conservation identities (docs/design.md#conservation) for the Kinesis summary (empty when they hold). */
export const violations = (kinesis: SystemSummary) => conservationViolations('kinesis', kinesis);

/** Problems a scenario is rejected with, as `path: message` lines (empty when it is valid). */
export function scenarioProblems(yaml: string): string[] {
  try {
    parseScenario(yaml, 'test.yaml');
    return [];
  } catch (error) {
    const problems = (error as { problems?: { path: string; message: string }[] }).problems;
    if (!problems) throw error;
    return problems.map((p) => `${p.path}: ${p.message}`);
  }
}

export const sum = (values: (number | undefined)[]) => values.reduce<number>((a, v) => a + (v ?? 0), 0);
