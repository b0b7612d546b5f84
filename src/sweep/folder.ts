import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFilesInFolder } from '../output/shared-folder.ts';
import type { RunSummary } from '../simulation/result.ts';
import { loadSweepFile } from './sweep-file.ts';
import { planJsonl, planSweep, type PlanOptions, type SweepPlan } from './plan.ts';
import { SweepFolderError } from './errors.ts';

export { SweepFolderError } from './errors.ts';

/**
 * A sweep folder: the sweep file's copy and the plan, then one folder per run under runs/<runId>/
 * holding summary.json (or error.json), then the collected outputs. Everything a batch task needs
 * is in the folder, so `sweep run DIR` takes nothing else.
 */
export const SWEEP_FILE = 'sweep.yaml';
export const PLAN_FILE = 'plan.jsonl';
export const SUMMARY_FILE = 'summary.json';
export const ERROR_FILE = 'error.json';


export const runDir = (dir: string, runId: string): string => path.join(dir, 'runs', runId);

/** Writes the sweep file's copy and plan.jsonl (atomically); returns their paths. */
export function writePlan(dir: string, plan: SweepPlan): string[] {
  return writeFilesInFolder(dir, [
    { name: SWEEP_FILE, content: plan.definition.text },
    { name: PLAN_FILE, content: planJsonl(plan) },
  ]);
}

/**
 * The plan of a sweep folder, computed again from its sweep file and checked against plan.jsonl: a
 * plan written by another version of streamsim (whose defaults, hence run ids, differ) is refused.
 */
export function readPlan(dir: string, options: PlanOptions = {}): SweepPlan {
  const file = path.join(dir, SWEEP_FILE);
  const planFile = path.join(dir, PLAN_FILE);
  if (!existsSync(file) || !existsSync(planFile)) {
    throw new SweepFolderError(`${dir} is not a sweep folder (it needs ${SWEEP_FILE} and ${PLAN_FILE}): make one with \`streamsim sweep plan FILE --out ${dir}\``);
  }
  const plan = planSweep(loadSweepFile(file), { ...options, yes: true });
  if (planJsonl(plan) !== readFileSync(planFile, 'utf8')) {
    throw new SweepFolderError(`${planFile} does not match ${file} (edited, or planned by another version of streamsim): plan again with \`streamsim sweep plan ${file} --out ${dir}\``);
  }
  return plan;
}

/** What a run left: its summary, its error, or nothing yet. */
export type RunOutcome = { summary: RunSummary } | { error: string } | { missing: true };

export function readRunOutcome(dir: string, runId: string): RunOutcome {
  const folder = runDir(dir, runId);
  const summary = path.join(folder, SUMMARY_FILE);
  if (isFile(summary)) return { summary: JSON.parse(readFileSync(summary, 'utf8')) as RunSummary };
  const error = path.join(folder, ERROR_FILE);
  if (isFile(error)) return { error: (JSON.parse(readFileSync(error, 'utf8')) as { error: string }).error };
  return { missing: true };
}

/** Whether a run is done (its summary exists); a failed run is not, so running the sweep again retries it. */
export const runIsDone = (dir: string, runId: string): boolean => isFile(path.join(runDir(dir, runId), SUMMARY_FILE));

const isFile = (file: string): boolean => statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
