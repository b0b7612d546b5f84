import { parseScenario, ScenarioError, type Override } from '../../src/index.ts';

/** The problems of a scenario text as `line:col path: message`, or [] when it is valid. */
export function problemsOf(text: string, overrides: Override[] = [], file = 'x.yaml'): string[] {
  try {
    parseScenario(text, file, overrides);
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems.map((p) => `${p.line}:${p.col} ${p.path}: ${p.severity ? `${p.severity}: ` : ''}${p.message}`);
    throw error;
  }
  return [];
}

/** A valid workload-only scenario, to which a test adds the lines it is about. */
export const MINIMAL = `name: minimal
duration: 1h
workload:
  producers:
    - name: clicks
      rate: 100/s
`;
