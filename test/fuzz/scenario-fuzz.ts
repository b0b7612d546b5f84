import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseScenario, ScenarioError, type Override } from '../../src/index.ts';
import { EventLimitExceeded } from '../../src/engine/simulator.ts';
import { runScenario } from '../../src/simulation/run.ts';
import { runConservationViolations } from '../../src/simulation/conservation.ts';
import { scenarioJsonSchema } from '../../src/scenario/schema.ts';
import { runDataFiles } from '../../src/output/run-id.ts';
import { runSummarySchema } from '../../src/output/summary-schema.ts';

/**
 * The scenario fuzzer: valid scenarios, mutated the way careless or hostile input is (prototype
 * names, zero and extreme values, keys deleted or repeated, YAML aliases), each run for a few
 * simulated seconds within an event budget. The outcome of a case is what the CLI would do: exit 2
 * with located problems, or exit 0 with outputs that hold the contracts.
 */

/** Events a case may take: a few seconds of small systems need some tens of thousands. */
export const CASE_EVENT_BUDGET = 1_000_000;

const BASES = [
  `name: both\nduration: 3s\nworkload:\n  producers: [{name: clicks, rate: 100/s}]\n  consumers: [{name: app, instances: 2}]\nsystems:\n  kinesis: {shards: 2}\n  kafka: {brokers: 3, partitions: 4}\n`,
  `name: kafka\nduration: 4s\nworkload:\n  producers: [{name: a, rate: 50/s, recordSize: {dist: lognormal, median: 1KB, p99: 20KB}}, {name: b, rate: 1MB/s}]\n  consumers: [{name: app}]\nsystems:\n  kafka: {brokers: 4, zones: 2, partitions: 8, producer: {acks: 1}}\ntimeline:\n  - {at: 1s, kafka: {failBroker: 1, for: 1s}}\n`,
  `name: kinesis\nduration: 5s\nworkload:\n  producers: [{name: p, rate: {schedule: [{at: 0s, rate: 10/s}, {at: 2s, rate: 300/s}]}, keys: {count: 10, dist: zipf, exponent: 1.2}}]\n  consumers: [{name: efo}, {name: poll, instances: 2}]\nsystems:\n  kinesis:\n    shards: 2\n    producer: {client: sdk}\n    consumers: {efo: {type: efo}}\ntimeline:\n  - {at: 2s, kinesis: {updateShardCount: 4}}\n  - {at: 3s, consumerFailure: {app: poll, instance: 1}}\n`,
  `name: workload-only\nduration: 2s\nworkload:\n  producers: [{name: p, rate: {diurnal: {mean: 100/s, amplitude: 0.5}}}]\n`,
];

/** Every leaf path the schema allows (list items as index 0), for mutations. */
function leafPaths(): string[] {
  const paths = new Set<string>();
  const walk = (s: unknown, at: string[], depth: number) => {
    if (!s || typeof s !== 'object' || depth > 8) return;
    const node = s as { properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[]; oneOf?: unknown[]; additionalProperties?: unknown };
    for (const alt of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) walk(alt, at, depth + 1);
    if (node.items) walk(node.items, [...at, '0'], depth + 1);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') walk(node.additionalProperties, [...at, 'app'], depth + 1);
    if (node.properties) for (const [k, v] of Object.entries(node.properties)) {
      paths.add([...at, k].join('.'));
      walk(v, [...at, k], depth + 1);
    }
  };
  walk(scenarioJsonSchema(), [], 0);
  return [...paths];
}

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype'];
const VALUES = ['0', '0s', '1us', '-1', '1', '2147483648', '1000000000000', `${'9'.repeat(400)}`, `${'9'.repeat(400)}s`, `${'9'.repeat(400)}/s`,
  '.inf', '.nan', '""', 'null', '[]', '{}', '1e400', '0B', '0/s', '10000000GB', '25h', '400d', 'true', 'ø', ...PROTOTYPE_NAMES, '*a', '&a [1]'];

export type Mutation =
  | { kind: 'set'; path: string; value: string }
  | { kind: 'prototypeKey'; path: string; key: string }
  | { kind: 'delete'; path: string }
  | { kind: 'duplicateKey'; key: string }
  | { kind: 'aliasBomb' };

export function mutationArbitrary(): fc.Arbitrary<{ base: number; mutations: Mutation[] }> {
  const paths = leafPaths();
  const path = fc.constantFrom(...paths);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), path, value: fc.constantFrom(...VALUES) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('prototypeKey' as const), path: fc.constantFrom('', 'workload', 'systems.kafka', 'systems.kinesis', 'systems.kinesis.consumers', 'systems.kafka.consumers'), key: fc.constantFrom(...PROTOTYPE_NAMES) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicateKey' as const), key: fc.constantFrom('name', 'duration', 'workload') }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'aliasBomb' as const }) },
  );
  return fc.record({ base: fc.nat(BASES.length - 1), mutations: fc.array(mutation, { minLength: 0, maxLength: 3 }) });
}

/** A case's scenario text and --set overrides. */
export function caseInput(c: { base: number; mutations: Mutation[] }): { text: string; overrides: Override[] } {
  let text = BASES[c.base];
  const overrides: Override[] = [];
  for (const m of c.mutations) {
    if (m.kind === 'set') overrides.push({ path: m.path, value: m.value });
    else if (m.kind === 'prototypeKey') overrides.push({ path: m.path ? `${m.path}.${m.key}` : m.key, value: '{}' });
    else if (m.kind === 'delete') overrides.push({ path: m.path, value: 'null' });
    else if (m.kind === 'duplicateKey') text += `${m.key}: again\n`;
    else {
      const levels = ['a0: &a0 [x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 8; i++) levels.push(`a${i}: &a${i} [${Array(8).fill(`*a${i - 1}`).join(', ')}]`);
      text = `${levels.join('\n')}\n${text}`;
    }
  }
  return { text, overrides };
}

export type Outcome = { exit: 0 | 2; problems?: string[] };

/** Runs a case as the CLI's `run` would; throws (a property failure) where a contract breaks. */
export function runCase(text: string, overrides: Override[]): Outcome {
  let scenario;
  try {
    scenario = parseScenario(text, 'fuzz.yaml', overrides);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw new Error(`exit 1 instead of 2 while validating: ${(error as Error).stack}`);
    for (const p of error.problems) if (!(p.line >= 1 && p.col >= 1 && p.message)) throw new Error(`a problem without a place: ${JSON.stringify(p)}`);
    return { exit: 2, problems: error.problems.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}`) };
  }
  if (scenario.duration > 30e6) return { exit: 2, problems: ['(longer than the fuzzer runs)'] };
  let result;
  try {
    result = runScenario(scenario, { eventLimit: CASE_EVENT_BUDGET });
  } catch (error) {
    if (error instanceof EventLimitExceeded) throw new Error(`past the event budget: ${error.message}\n${stringify(scenario)}`);
    throw new Error(`exit 1 while running: ${(error as Error).stack}`);
  }
  const violations = runConservationViolations(result.summary);
  if (violations.length > 0) throw new Error(`conservation: ${violations.join('; ')}`);
  checkNumbers(result.summary, 'summary');
  for (const [name, system] of Object.entries(result.summary.systems)) {
    for (const [item, amount] of Object.entries(system.cost.items)) if (!(amount >= 0)) throw new Error(`${name} cost item ${item} is ${amount}`);
  }
  const { summary, files } = runDataFiles(result);
  const written = runSummarySchema.safeParse(summary);
  if (!written.success) throw new Error(`summary.json does not match the schema report DIR checks: ${JSON.stringify(written.error.issues[0])}`);
  if (files[0].content.includes('null')) throw new Error('summary.json holds null');
  const csv = files[1].content;
  if (/NaN|Infinity/.test(csv)) throw new Error('series.csv holds NaN or Infinity');
  return { exit: 0 };
}

function checkNumbers(value: unknown, at: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${at} is ${value}`);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkNumbers(v, `${at}.${k}`);
  }
}
