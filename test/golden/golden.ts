import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadScenarioFile, runDataFiles, runScenario, type RunSummary } from '../../src/index.ts';

/**
 * Golden runs: every file in scenarios/ run in full, pinned by what it writes (summary.json, which
 * carries the SHA-256 of its series.csv) and by each simulation's event fingerprint. A change to
 * either is a change to the model that must be made on purpose: `npm run golden:update`.
 */
export interface GoldenRun {
  scenario: string;
  /** Each simulation's event fingerprint, by system. */
  fingerprints: Record<string, string>;
  /** summary.json as `streamsim run` writes it. */
  summary: RunSummary;
}

export const SCENARIOS_DIR = path.join(import.meta.dirname, '..', '..', 'scenarios');
const GOLDEN_DIR = path.join(import.meta.dirname, 'runs');

/** The scenario files pinned here: every YAML file directly in scenarios/. */
export function scenarioFiles(): string[] {
  return readdirSync(SCENARIOS_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
}

export function runGolden(file: string): GoldenRun {
  const result = runScenario(loadScenarioFile(path.join(SCENARIOS_DIR, file)), { fingerprint: true });
  return { scenario: file, fingerprints: result.fingerprints!, summary: runDataFiles(result).summary };
}

const goldenPath = (file: string) => path.join(GOLDEN_DIR, file.replace(/\.ya?ml$/, '.json'));

export function readGolden(file: string): GoldenRun | undefined {
  const at = goldenPath(file);
  return existsSync(at) ? (JSON.parse(readFileSync(at, 'utf8')) as GoldenRun) : undefined;
}

export function writeGolden(run: GoldenRun): void {
  writeFileSync(goldenPath(run.scenario), JSON.stringify(run, null, 2) + '\n');
}

/** One line saying how a run differs from its pinned version, or undefined when it does not. */
export function goldenChange(pinned: GoldenRun | undefined, now: GoldenRun): string | undefined {
  if (!pinned) return `${now.scenario}: no golden run stored`;
  const moved = changedValues(pinned.summary, now.summary).filter((c) => !/^(runId|seriesSha256)$/.test(c.path));
  const seriesMoved = pinned.summary.seriesSha256 !== now.summary.seriesSha256;
  const eventsMoved = Object.keys({ ...pinned.fingerprints, ...now.fingerprints }).filter((s) => pinned.fingerprints[s] !== now.fingerprints[s]);
  if (moved.length === 0 && !seriesMoved && eventsMoved.length === 0) return undefined;
  const parts: string[] = [];
  if (moved.length > 0) {
    const shown = moved.slice(0, 3).map((c) => `${c.path} ${c.before} → ${c.after}`);
    parts.push(`${moved.length} summary value${moved.length === 1 ? '' : 's'} moved (${shown.join('; ')}${moved.length > 3 ? '; …' : ''})`);
  }
  if (seriesMoved) parts.push('series.csv changed');
  if (eventsMoved.length > 0) parts.push(`events changed in ${eventsMoved.join(', ')}${moved.length === 0 && !seriesMoved ? ', outputs identical' : ''}`);
  return `${now.scenario}: ${parts.join('; ')}`;
}

interface ChangedValue {
  path: string;
  before: string;
  after: string;
}

/** Leaves of two JSON values that differ, by path (`a.b[2].c`), in the order they are written. */
function changedValues(before: unknown, after: unknown, at = ''): ChangedValue[] {
  const isTree = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isTree(before) && isTree(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const join = (k: string) => (Array.isArray(before) ? `${at}[${k}]` : at ? `${at}.${k}` : k);
    return keys.flatMap((k) => changedValues(before[k], after[k], join(k)));
  }
  const b = JSON.stringify(before) ?? 'absent';
  const a = JSON.stringify(after) ?? 'absent';
  return a === b ? [] : [{ path: at, before: b, after: a }];
}
