import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parseOverride, parseScenario, runScenario, type RunResult, type SystemSummary } from '../../../src/index.ts';
import { conservationViolations } from '../../../src/simulation/conservation.ts';

/** Runs a scenario given as YAML text (with `--set`-style overrides) and checks conservation of records. */
export function runKafka(yaml: string, overrides: string[] = []): { result: RunResult; kafka: SystemSummary } {
  const scenario = parseScenario(yaml, 'test.yaml', overrides.map((o) => parseOverride(o)!));
  const result = runScenario(scenario);
  const kafka = result.summary.systems.kafka!;
  expectConserved(kafka);
  return { result, kafka };
}

export function runKafkaFile(file: string, overrides: string[] = []) {
  return runKafka(readFileSync(new URL(`../../../scenarios/${file}`, import.meta.url), 'utf8'), overrides);
}

/** The conservation identities (docs/design.md#conservation), exactly: offered = accepted + rejected + pending; accepted − lost = delivered + expired + backlog (+ skipped). */
export function expectConserved(kafka: SystemSummary): void {
  expect(conservationViolations('kafka', kafka)).toEqual([]);
}

/** Sum of a series column over the run. */
export function columnTotal(result: RunResult, column: string): number {
  const i = result.series.columns.indexOf(column);
  if (i < 0) throw new Error(`no column ${column}`);
  return result.series.rows.reduce((acc, row) => acc + (row[i] ?? 0), 0);
}
