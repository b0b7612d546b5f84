import { createHash } from 'node:crypto';
import { locateInSource, resolveScenario, SWEEP_KEY, type Override } from '../scenario/load.ts';
import { ScenarioError, formatProblem, type Problem } from '../scenario/problem.ts';
import { SYSTEM_NAMES, type Scenario, type SystemName } from '../scenario/schema.ts';
import type { SweepDefinition } from './sweep-file.ts';

/** Above this many runs a plan is refused unless the user confirms (`--yes`). */
export const MAX_RUNS_UNCONFIRMED = 10_000;

/** One combination of the varied values; every replication of it runs the same scenario but for the seed. */
export interface PlannedPoint {
  index: number;
  /** The value of each varied path, keyed as written in `vary`. */
  params: Record<string, number | string>;
  scenario: Scenario;
  systems: SystemName[];
}

/** One run: a point and a replication. Its id names its folder, whoever runs it and in whatever order. */
export interface PlannedRun {
  runId: string;
  point: number;
  replication: number;
  seed: number | string;
  params: Record<string, number | string>;
}

export interface SweepPlan {
  definition: SweepDefinition;
  points: PlannedPoint[];
  /** In plan order: point by point (the first varied path outermost), replications within a point. */
  runs: PlannedRun[];
}

export interface PlanOptions {
  /** Plan more than MAX_RUNS_UNCONFIRMED runs. */
  yes?: boolean;
  onWarning?: (warning: Problem) => void;
}

/** Points times replications, without resolving anything (to refuse a huge sweep at once). */
export function countRuns(definition: SweepDefinition): number {
  const lengths = definition.axes.map((a) => a.values.length);
  const points = lengths.length === 0 ? 1 : definition.combine === 'zip' ? lengths[0] : lengths.reduce((a, b) => a * b, 1);
  return points * definition.replications;
}

/**
 * The plan of a sweep: every point's scenario, resolved and validated as `run --set` would (a point
 * that is not a valid scenario is an error located at its value in `vary`), and its runs. The plan
 * depends only on the file, so every batch task computes the same one.
 */
export function planSweep(definition: SweepDefinition, options: PlanOptions = {}): SweepPlan {
  const total = countRuns(definition);
  if (total > MAX_RUNS_UNCONFIRMED && !options.yes) {
    throw sectionProblem(
      definition,
      [SWEEP_KEY],
      `plans ${total.toLocaleString('en-US')} runs, more than ${MAX_RUNS_UNCONFIRMED.toLocaleString('en-US')}: give --yes to plan them anyway, or vary fewer values`,
    );
  }
  const problems = new Map<string, Problem>();
  const warnings = new Map<string, Problem>();
  const points: PlannedPoint[] = [];
  combinations(definition).forEach((choice, index) => {
    const overrides: Override[] = choice.map((valueIndex, axisIndex) => definition.axes[axisIndex].overrides[valueIndex]);
    const params = Object.fromEntries(choice.map((valueIndex, axisIndex) => [definition.axes[axisIndex].path, definition.axes[axisIndex].values[valueIndex]]));
    try {
      const scenario = resolveScenario(definition.source, overrides, { onWarning: (w) => warnings.set(formatProblem(w), w) });
      points.push({ index, params, scenario, systems: SYSTEM_NAMES.filter((s) => scenario.systems[s] !== undefined) });
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      for (const p of error.problems) {
        // A range's values share one position: its first problem there stands for all of them.
        const better = withPathSuggestion(p, definition);
        const key = `${better.line}:${better.col}:${better.path}`;
        if (!problems.has(key)) problems.set(key, better);
      }
    }
  });
  if (problems.size > 0) throw new ScenarioError([...problems.values()]);
  for (const w of warnings.values()) options.onWarning?.(w);

  const runs: PlannedRun[] = [];
  const byId = new Map<string, PlannedRun>();
  for (const point of points) {
    for (let replication = 0; replication < definition.replications; replication++) {
      const seed = replicationSeed(definition.seed ?? point.scenario.seed, replication);
      const run = { runId: runIdOf({ ...point.scenario, seed }, replication), point: point.index, replication, seed, params: point.params };
      const same = byId.get(run.runId);
      if (same) {
        throw sectionProblem(definition, [SWEEP_KEY, 'vary'], `points ${same.point} and ${point.index} give the same scenario (${describe(same.params)} and ${describe(point.params)}): vary a path that changes the scenario`);
      }
      byId.set(run.runId, run);
      runs.push(run);
    }
  }
  return { definition, points, runs };
}

/** The scenario of a run: its point's, with the run's seed. */
export function runScenarioOf(plan: SweepPlan, run: PlannedRun): Scenario {
  return { ...plan.points[run.point].scenario, seed: run.seed };
}

/**
 * The seed of a replication: the sweep's seed (or the scenario's) for the first, then the next whole
 * numbers (or `seed#r` for a text seed). Every point of a sweep uses the same seeds (common random
 * numbers): neighbouring points and the two systems see the same records, so their differences are
 * far less noisy than with independent seeds. A seed never depends on a worker or on a run's position.
 */
export function replicationSeed(seed: number | string, replication: number): number | string {
  if (replication === 0) return seed;
  return typeof seed === 'number' ? seed + replication : `${seed}#${replication}`;
}

/** A short hash of the resolved scenario (keys sorted) and the replication: the same run has the same id on any machine. */
export function runIdOf(scenario: Scenario, replication: number): string {
  return createHash('sha256').update(canonicalJson({ scenario, replication })).digest('hex').slice(0, 12);
}

/** JSON with every object's keys sorted, so that equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** plan.jsonl: one line per run, in plan order. */
export function planJsonl(plan: SweepPlan): string {
  return plan.runs.map((r) => JSON.stringify({ runId: r.runId, point: r.point, replication: r.replication, seed: r.seed, params: r.params }) + '\n').join('');
}

/** The runs of task `index` of `count` (0-based): every count-th run from the index, so heavy and light points spread evenly. */
export function runsOfShare(plan: SweepPlan, index: number, count: number): PlannedRun[] {
  return plan.runs.filter((_, i) => i % count === index);
}

/** The value index of each axis, point by point: grid is the Cartesian product (last path fastest), zip the i-th of each. */
function combinations(definition: SweepDefinition): number[][] {
  const lengths = definition.axes.map((a) => a.values.length);
  if (lengths.length === 0) return [[]];
  if (definition.combine === 'zip') return Array.from({ length: lengths[0] }, (_, i) => lengths.map(() => i));
  let result: number[][] = [[]];
  for (const length of lengths) result = result.flatMap((prefix) => Array.from({ length }, (_, i) => [...prefix, i]));
  return result;
}

/** An unknown key in a varied path: suggest the whole path, written as the user wrote it. */
function withPathSuggestion(p: Problem, definition: SweepDefinition): Problem {
  if (!p.suggestion) return p;
  for (const axis of definition.axes) {
    const parts = axis.overrides[0].path.split('.');
    const problemParts = p.path.split('.');
    if (problemParts.length > parts.length || !problemParts.every((part, i) => part === parts[i])) continue;
    const k = problemParts.length - 1;
    const written = axis.path.includes('[') ? (parts: string[]) => parts.map((x, i) => (/^\d+$/.test(x) && i > 0 ? `[${x}]` : `${i > 0 ? '.' : ''}${x}`)).join('') : (parts: string[]) => parts.join('.');
    const suggested = written(parts.map((part, i) => (i === k ? p.suggestion! : part)));
    const at = locateInSource(definition.source, { path: [SWEEP_KEY, 'vary', axis.path], atKey: true, message: '' });
    return { ...p, line: at.line, col: at.col, message: `unknown key "${parts[k]}" in ${axis.path}: did you mean ${suggested}?` };
  }
  return p;
}

/** A problem with the sweep section as a whole, at its key. */
function sectionProblem(definition: SweepDefinition, path: string[], message: string): ScenarioError {
  return new ScenarioError([locateInSource(definition.source, { path, atKey: true, message })]);
}

function describe(params: Record<string, number | string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}
