/** One thing wrong with a scenario, located in its file. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  /** Dotted path of the offending key, e.g. `workload.producers.0.rate`; empty for the whole file. */
  path: string;
  message: string;
  /** A warning does not stop a run (e.g. a timeline action after the end); absent means an error. */
  severity?: 'warning';
  /** For an unknown key: the allowed key the user most likely meant (already in the message). */
  suggestion?: string;
}

/** A problem found by a check that knows the path but not the file position. */
export interface PathProblem {
  path: readonly (string | number)[];
  message: string;
  /** Point at the key rather than its value (an unknown key). */
  atKey?: boolean;
  severity?: 'warning';
  /** For an unknown key: the allowed key the user most likely meant (already in the message). */
  suggestion?: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.path ? `${p.path}: ` : ''}${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

/** An invalid scenario: every problem at once (warnings included). The CLI prints them and exits with code 2. */
export class ScenarioError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioError';
  }
}
