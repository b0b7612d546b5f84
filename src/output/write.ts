import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface OutputFile {
  name: string;
  content: string;
}

/** The file operations the writer uses; tests replace them to make a write fail. */
export interface OutputFs {
  mkdir(dir: string): void;
  writeFile(file: string, content: string): void;
  rename(from: string, to: string): void;
  remove(file: string): void;
}

const nodeFs: OutputFs = {
  mkdir: (dir) => mkdirSync(dir, { recursive: true }),
  writeFile: (file, content) => writeFileSync(file, content),
  rename: (from, to) => renameSync(from, to),
  remove: (file) => rmSync(file, { force: true }),
};

/** Outputs could not be written; the message says where and why. Previous outputs are untouched. */
export class OutputWriteError extends Error {
  constructor(
    readonly dir: string,
    cause: unknown,
  ) {
    super(`cannot write the outputs to ${dir}: ${describeFsError(cause)}`, { cause });
    this.name = 'OutputWriteError';
  }
}

function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOSPC: 'no space left on the device',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EEXIST: 'a file is in the way of the folder',
    EROFS: 'the file system is read-only',
    EISDIR: 'a folder is in the way of a file',
  };
  return (e?.code && reasons[e.code]) ?? e?.message ?? String(error);
}

/**
 * Writes every file under a temporary name first, then renames them into place, so an interrupted
 * or failed run never leaves a partial file: a rename within a folder is atomic, and a reader sees
 * the old file or the new one, never half of one. If any write fails, the temporary files are
 * removed and the previous outputs stay as they were.
 */
export function writeOutputsAtomically(dir: string, files: OutputFile[], fs: OutputFs = nodeFs): string[] {
  const staged: { temp: string; final: string }[] = [];
  const cleanUp = () => {
    for (const { temp } of staged) {
      try {
        fs.remove(temp);
      } catch {
        // best effort: the temporary names are hidden and git-ignored (*.tmp)
      }
    }
  };
  try {
    fs.mkdir(dir);
    for (const file of files) {
      const final = path.join(dir, file.name);
      const temp = path.join(dir, `.${file.name}.${process.pid}.tmp`);
      staged.push({ temp, final });
      fs.writeFile(temp, file.content);
    }
  } catch (error) {
    cleanUp();
    throw new OutputWriteError(dir, error);
  }
  let renamed = 0;
  try {
    for (const { temp, final } of staged) {
      fs.rename(temp, final);
      renamed++;
    }
  } catch (error) {
    cleanUp();
    throw new OutputWriteError(dir, renamed > 0 ? new Error(`${describeFsError(error)} (after ${renamed} of ${staged.length} files were replaced)`) : error);
  }
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
