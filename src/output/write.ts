import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface OutputFile {
  name: string;
  content: string;
}

/**
 * Writes every file under a temporary name first, then renames them into place, so an interrupted
 * or failed run never leaves a partial file. If any write fails, the temporary files are removed
 * and the previous outputs stay as they were.
 */
export function writeOutputsAtomically(dir: string, files: OutputFile[]): string[] {
  mkdirSync(dir, { recursive: true });
  const staged: { temp: string; final: string }[] = [];
  try {
    for (const file of files) {
      const final = path.join(dir, file.name);
      const temp = path.join(dir, `.${file.name}.${process.pid}.tmp`);
      staged.push({ temp, final });
      writeFileSync(temp, file.content);
    }
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, final } of staged) renameSync(temp, final);
  return staged.map((s) => s.final);
}

/** The default output folder for a scenario name: reports/<name>, made safe as a folder name. */
export function defaultOutputDir(scenarioName: string): string {
  const slug = scenarioName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return path.join('reports', slug || 'scenario');
}
