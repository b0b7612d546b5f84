import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/** Another live run holds the lock of an output folder. */
export class OutputFolderBusy extends Error {
  constructor(dir: string, pid: number, lockFile: string) {
    super(`another streamsim run (process ${pid}) is writing to ${dir}: wait for it to finish, or choose another folder with --out (its lock is ${lockFile})`);
    this.name = 'OutputFolderBusy';
  }
}

/**
 * A lock file beside an output folder, created exclusively (O_CREAT | O_EXCL, so a symlink planted
 * there is not followed) and holding the owner's process id. A lock whose process is gone was left
 * by a run that died: it is taken over.
 */
export class FolderLock {
  private constructor(readonly file: string) {}

  static take(file: string, dir: string): FolderLock {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx', 0o644);
        try {
          writeSync(fd, `${process.pid}\n`);
        } finally {
          closeSync(fd);
        }
        return new FolderLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = lockOwner(file);
        if (owner !== undefined && isAlive(owner)) throw new OutputFolderBusy(dir, owner, file);
        rmSync(file, { force: true });
      }
    }
    throw new OutputFolderBusy(dir, lockOwner(file) ?? 0, file);
  }

  release(): void {
    rmSync(this.file, { force: true });
  }
}

function lockOwner(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}
