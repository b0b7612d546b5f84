import { rmSync } from 'node:fs';
import path from 'node:path';
import { runScenario } from '../simulation/run.ts';
import { summaryToJson } from '../output/summary-json.ts';
import { runDataFiles } from '../output/run-id.ts';
import { writeFilesInFolder } from '../output/shared-folder.ts';
import type { Scenario } from '../scenario/schema.ts';

/**
 * One run of a sweep, in a worker thread (runner.ts) or in-process: runs the scenario and writes
 * runs/<runId>/summary.json atomically, or error.json if it fails. No top-level await, so that the
 * worker pool can load this module with require() under tsx.
 */
export interface RunTask {
  runId: string;
  /** runs/<runId>/ */
  folder: string;
  scenario: Scenario;
}

export interface RunTaskResult {
  runId: string;
  error?: string;
}

export default function runTask(task: RunTask): RunTaskResult {
  try {
    // The summary that `streamsim run` writes, its series' hash included (the series itself is not kept).
    const { summary } = runDataFiles(runScenario(task.scenario));
    writeFilesInFolder(task.folder, [{ name: 'summary.json', content: summaryToJson(summary) }]);
    rmSync(path.join(task.folder, 'error.json'), { force: true });
    return { runId: task.runId };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { runId: task.runId, error: recordRunError(task.folder, task.runId, message) };
  }
}

/**
 * Writes runs/<runId>/error.json (the sweep goes on; collect puts the message in the `error` column).
 * Returns the message, with why error.json could not be written if it could not.
 */
export function recordRunError(folder: string, runId: string, message: string): string {
  try {
    writeFilesInFolder(folder, [{ name: 'error.json', content: JSON.stringify({ runId, error: message }, null, 2) + '\n' }]);
    return message;
  } catch (error) {
    return `${message} (and error.json could not be written: ${(error as Error).message})`;
  }
}
