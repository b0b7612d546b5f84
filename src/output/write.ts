import path from 'node:path';
import { FolderLock, OutputFolderBusy } from './folder-lock.ts';
import { nodeOutputFs, type OutputFs } from './output-fs.ts';
import { checkFolderName, isOutputName } from './folder-name.ts';

export type { OutputFs } from './output-fs.ts';
export { OutputFolderBusy } from './folder-lock.ts';
export { defaultOutputDir } from './folder-name.ts';

export interface OutputFile {
  name: string;
  content: string;
}

/** Outputs could not be written; the message says where and why. Previous outputs are untouched. */
export class OutputWriteError extends Error {
  constructor(
    readonly dir: string,
    cause: unknown,
    /** 2 when the path itself is unusable (bad usage), 1 when the file system refuses. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(`cannot write the outputs to ${dir}: ${describeFsError(cause)}`, { cause });
    this.name = 'OutputWriteError';
  }
}

function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reasons = new Map([
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['ENOSPC', 'no space left on the device'],
    ['ENOTDIR', 'a part of the path is a file, not a folder'],
    ['EEXIST', 'a file is in the way of the folder'],
    ['EROFS', 'the file system is read-only'],
    ['EISDIR', 'a folder is in the way of a file'],
    ['ENAMETOOLONG', 'the path is too long for the file system'],
  ]);
  return (e?.code && reasons.get(e.code)) ?? e?.message ?? String(error);
}

/**
 * An output folder claimed for one run: checked (name, writable parent, nothing but earlier outputs
 * in it) and locked before the simulation starts, so a bad `--out` or a second run on the same
 * folder fails at once. `replace` then writes the whole set into a fresh folder beside it and swaps
 * the two: a reader sees the earlier set or the new one, never a mix, and files of the earlier run
 * that this run does not write go with it.
 *
 * Beside `<dir>` live only names that start with `.<dir>.`: the lock, the fresh folder being
 * written (`.tmp-` + random characters, created exclusively, so nothing planted there is
 * followed), and the earlier set during the swap (`.old-`). A claim cleans what a dead run left,
 * putting back an earlier set that a run killed mid-swap had moved aside.
 */
export class OutputFolder {
  private constructor(
    readonly dir: string,
    private readonly lock: FolderLock,
    private readonly fs: OutputFs,
  ) {}

  static claim(dir: string, fs: OutputFs = nodeOutputFs): OutputFolder {
    const problem = checkFolderName(dir);
    if (problem) throw new OutputWriteError(dir, new Error(problem), 2);
    const full = path.resolve(dir);
    try {
      fs.mkdir(path.dirname(full));
    } catch (error) {
      // mkdir -p over a file says EEXIST: a part of the path is a file.
      const code = (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'ENOTDIR' : undefined;
      throw new OutputWriteError(dir, code ? Object.assign(new Error(code), { code }) : error);
    }
    let lock: FolderLock;
    try {
      lock = FolderLock.take(sibling(full, 'lock'), dir);
    } catch (error) {
      if (error instanceof OutputFolderBusy) throw error;
      throw new OutputWriteError(dir, error);
    }
    const folder = new OutputFolder(dir, lock, fs);
    try {
      folder.cleanLeftovers();
      folder.checkReplaceable();
    } catch (error) {
      lock.release();
      throw error instanceof OutputWriteError ? error : new OutputWriteError(dir, error);
    }
    return folder;
  }

  /** Writes `files` as the folder's whole content; returns their paths. */
  replace(files: OutputFile[]): string[] {
    const { fs } = this;
    const full = path.resolve(this.dir);
    let fresh: string | undefined;
    try {
      fresh = fs.mkdtemp(sibling(full, 'tmp-'));
      for (const file of files) fs.writeNew(path.join(fresh, file.name), file.content);
      fs.chmod(fresh, 0o777 & ~process.umask());
    } catch (error) {
      if (fresh !== undefined) bestEffort(() => fs.remove(fresh!));
      throw new OutputWriteError(this.dir, error);
    }
    const aside = `${sibling(full, 'old-')}${path.basename(fresh).slice(-6)}`;
    try {
      if (fs.lstat(full)) fs.rename(full, aside);
      fs.rename(fresh, full);
    } catch (error) {
      bestEffort(() => {
        if (!fs.lstat(full) && fs.lstat(aside)) fs.rename(aside, full);
        fs.remove(fresh!);
      });
      throw new OutputWriteError(this.dir, error);
    }
    bestEffort(() => fs.remove(aside));
    return files.map((f) => path.join(this.dir, f.name));
  }

  release(): void {
    this.lock.release();
  }

  /** Removes what dead runs left beside the folder; an earlier set moved aside comes back if the folder is gone. */
  private cleanLeftovers(): void {
    const { fs } = this;
    const full = path.resolve(this.dir);
    const parent = path.dirname(full);
    const prefix = `.${path.basename(full)}.`;
    const left = fs.readdir(parent).filter((n) => n.startsWith(`${prefix}tmp-`) || n.startsWith(`${prefix}old-`));
    const earlier = left.find((n) => n.startsWith(`${prefix}old-`));
    if (earlier !== undefined && !fs.lstat(full)) fs.rename(path.join(parent, earlier), full);
    for (const name of left) fs.remove(path.join(parent, name));
  }

  /** The folder is absent, or a real folder holding only streamsim outputs: nothing else is ever replaced. */
  private checkReplaceable(): void {
    const full = path.resolve(this.dir);
    const stat = this.fs.lstat(full);
    if (!stat) return;
    if (!stat.isDirectory()) throw new OutputWriteError(this.dir, new Error(stat.isSymbolicLink() ? 'it is a symlink: give the folder it points to' : 'a file is in the way of the folder'));
    const foreign = this.fs.readdir(full).filter((name) => !isOutputName(name));
    if (foreign.length > 0)
      throw new OutputWriteError(this.dir, new Error(`it holds files streamsim did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}): choose a new or empty folder`));
  }
}

/** Claims `dir`, replaces its content with `files` and releases it (a run that is already done). */
export function writeOutputsAtomically(dir: string, files: OutputFile[], fs: OutputFs = nodeOutputFs): string[] {
  const folder = OutputFolder.claim(dir, fs);
  try {
    return folder.replace(files);
  } finally {
    folder.release();
  }
}

const sibling = (full: string, suffix: string) => path.join(path.dirname(full), `.${path.basename(full)}.${suffix}`);

function bestEffort(action: () => void): void {
  try {
    action();
  } catch {
    // what is left is cleaned by the next claim of the folder
  }
}
