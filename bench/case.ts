import { parseScenario, runScenario } from '../src/index.ts';

/**
 * The shape of a model benchmark case (bench/cases/*.ts, written by the model engineers). Each file
 * default-exports one case; `npm run bench` runs it in a child process of its own and measures wall
 * time and peak memory (maxRSS) there.
 */
export interface BenchCaseResult {
  /** Simulated time covered by the run. */
  simulatedSeconds: number;
  /** Events the simulator executed. */
  events: number;
  /** Records the workload offered. */
  records: number;
  /** Further figures a case measures (e.g. a speed-up), listed under the table; one that misses its target fails the case. */
  findings?: BenchFinding[];
}

export interface BenchFinding {
  name: string;
  value: string;
  target?: string;
  pass?: boolean;
}

export interface BenchCase {
  name: string;
  description: string;
  targets: {
    /** Wall-clock budget for `run()` on the project's 2-core machine. */
    wallSeconds: number;
    /** Budget for the child process's peak resident memory (maxRSS), Node itself included. */
    peakMB: number;
  };
  run(): BenchCaseResult | Promise<BenchCaseResult>;
}

/** A case that runs one scenario (YAML text) and reports the records offered to `system`. */
export function scenarioCase(
  spec: Pick<BenchCase, 'name' | 'description' | 'targets'> & { scenarioYaml: string; system: 'kinesis' | 'kafka' },
): BenchCase {
  return {
    name: spec.name,
    description: spec.description,
    targets: spec.targets,
    run() {
      const result = runScenario(parseScenario(spec.scenarioYaml, `${spec.name}.yaml`));
      return {
        simulatedSeconds: result.summary.durationSeconds,
        events: result.events,
        records: result.summary.systems[spec.system]!.records.offered,
      };
    },
  };
}
