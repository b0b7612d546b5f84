import { chmodSync, closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';

/** The file operations the output writer uses; tests replace them to make a step fail or "kill" the run. */
export interface OutputFs {
  mkdir(dir: string): void;
  /** Creates a fresh folder named `prefix` + random characters, readable by its owner only; returns its path. */
  mkdtemp(prefix: string): string;
  chmod(dir: string, mode: number): void;
  /** Writes a new file; fails if anything (a file, a symlink) is already at that path. */
  writeNew(file: string, content: string): void;
  rename(from: string, to: string): void;
  /** Removes a file, a symlink (not what it points to) or a folder tree. */
  remove(target: string): void;
  readdir(dir: string): string[];
  /** Stats of the path itself (a symlink is not followed); undefined when nothing is there. */
  lstat(target: string): Stats | undefined;
  readFile(file: string): string;
}

export const nodeOutputFs: OutputFs = {
  mkdir: (dir) => mkdirSync(dir, { recursive: true }),
  mkdtemp: (prefix) => mkdtempSync(prefix),
  chmod: (dir, mode) => chmodSync(dir, mode),
  writeNew: (file, content) => {
    // 'wx' is O_CREAT | O_EXCL: it never follows a symlink planted at the path.
    const fd = openSync(file, 'wx', 0o666);
    try {
      writeFileSync(fd, content);
    } finally {
      closeSync(fd);
    }
  },
  rename: (from, to) => renameSync(from, to),
  remove: (target) => rmSync(target, { recursive: true, force: true }),
  readdir: (dir) => readdirSync(dir),
  lstat: (target) => {
    try {
      return lstatSync(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  readFile: (file) => readFileSync(file, 'utf8'),
};
