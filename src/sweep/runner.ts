import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { runDir, runIsDone } from './folder.ts';
import { runScenarioOf, type PlannedRun, type SweepPlan } from './plan.ts';
import { recordRunError, type RunTask, type RunTaskResult } from './run-task.ts';
import type { Scenario } from '../scenario/schema.ts';
import { expectedOfferedRecords } from '../workload/rate-profile.ts';
import { meanRecordSize } from '../workload/record-size.ts';

export interface RunRunsOptions {
  /** Worker threads (default: the machine's available parallelism). */
  workers?: number;
  /** Called as each run ends (skipped runs are counted before any starts). */
  onRunDone?: (done: number, total: number) => void;
}

export interface RunRunsOutcome {
  ran: number;
  /** Runs whose summary already existed: not run again. */
  skipped: number;
  /** Run ids that failed, in plan order. */
  failed: string[];
}

export const defaultWorkers = (): number => availableParallelism();

/**
 * Runs the given runs of a plan on a pool of worker threads. Each run writes its own summary.json,
 * so the order runs finish in does not matter; a run whose summary exists is skipped, so a sweep that
 * was stopped resumes where it was, and a batch task that is retried does not redo its runs.
 */
export async function runSweepRuns(dir: string, plan: SweepPlan, runs: PlannedRun[], options: RunRunsOptions = {}): Promise<RunRunsOutcome> {
  const todo = runs.filter((run) => !runIsDone(dir, run.runId));
  const skipped = runs.length - todo.length;
  let done = skipped;
  options.onRunDone?.(done, runs.length);
  if (todo.length === 0) return { ran: 0, skipped, failed: [] };

  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), todo.length));
  // The heaviest runs first (longest processing time first), so that no worker is left with a long
  // run while the others are idle at the end.
  const scenarios = new Map(todo.map((run) => [run.runId, runScenarioOf(plan, run)]));
  const cost = (run: PlannedRun) => expectedWork(scenarios.get(run.runId)!);
  const ordered = [...todo].sort((a, b) => cost(b) - cost(a));
  const pool = new Piscina<RunTask, RunTaskResult>({ ...taskModule(), minThreads: workers, maxThreads: workers, idleTimeout: 1000 });
  const failures = new Set<string>();
  try {
    await Promise.all(
      ordered.map(async (run) => {
        const folder = runDir(dir, run.runId);
        let result: RunTaskResult;
        try {
          result = await pool.run({ runId: run.runId, folder, scenario: scenarios.get(run.runId)! });
        } catch (error) {
          // The worker itself died (out of memory, a crash): record it as the run's error.
          result = { runId: run.runId, error: recordRunError(folder, run.runId, error instanceof Error ? error.message : String(error)) };
        }
        if (result.error !== undefined) failures.add(run.runId);
        options.onRunDone?.(++done, runs.length);
      }),
    );
  } finally {
    await pool.destroy();
  }
  return { ran: todo.length, skipped, failed: todo.filter((r) => failures.has(r.runId)).map((r) => r.runId) };
}

/**
 * The task module for the pool: run-task.ts from the sources (through tsx's loader, which a worker
 * does not inherit from bin/streamsim.js or from vitest), or run-task.js in a compiled build.
 */
function taskModule(): { filename: string; execArgv?: string[] } {
  const fromSources = import.meta.url.endsWith('.ts');
  const filename = new URL(`./run-task${fromSources ? '.ts' : '.js'}`, import.meta.url).href;
  if (!fromSources) return { filename };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { filename, execArgv: ['--import', tsx] };
}

/** A run's expected work: the records its producers are expected to offer, times the systems that take them. */
function expectedWork(scenario: Scenario): number {
  const systems = Math.max(1, Object.values(scenario.systems).filter((s) => s !== undefined).length);
  const records = scenario.workload.producers.reduce((acc, p) => acc + expectedOfferedRecords(p.rate, meanRecordSize(p.recordSize), scenario.duration), 0);
  return records * systems;
}
