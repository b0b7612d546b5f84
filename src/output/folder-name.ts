import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * Longest folder name: 255 bytes is the limit of a file name on Linux, macOS and Windows file
 * systems (ext4, APFS, NTFS: 255 bytes or UTF-16 units), less the `.` + `.tmp-XXXXXX` that the
 * folder written beside it adds.
 */
export const MAX_FOLDER_NAME_BYTES = 255 - '..tmp-XXXXXX'.length;

/** The files a run or `report` writes: only a folder holding nothing else is ever replaced. */
export function isOutputName(name: string): boolean {
  const output = (n: string) => ['summary.json', 'series.csv', 'report.html', 'report.md'].includes(n) || /^chart-[a-z0-9-]+\.svg$/.test(n);
  // `.summary.json.<pid>.tmp`: the temporary files earlier versions wrote into the folder itself.
  const earlierTemporary = /^\.(.+)\.\d+\.tmp$/.exec(name);
  return output(name) || (earlierTemporary !== null && output(earlierTemporary[1]));
}

/** What is wrong with an output folder path, before anything runs; undefined when it can be used. */
export function checkFolderName(dir: string): string | undefined {
  if (dir.trim() === '') return 'no folder given: give a folder name, e.g. --out reports/run';
  if (dir.includes('\0')) return 'the path holds a NUL character';
  const base = path.basename(path.resolve(dir));
  if (base === '') return 'the root folder cannot hold a run: give a folder inside it';
  const bytes = Buffer.byteLength(base);
  if (bytes > MAX_FOLDER_NAME_BYTES) return `the folder name is ${bytes} bytes long; at most ${MAX_FOLDER_NAME_BYTES}: give a shorter one`;
  return undefined;
}

/** Longest folder name made from a scenario name (the rest of a long name is kept as a hash). */
const SLUG_CHARS = 80;

/**
 * The default output folder for a scenario name: reports/<name>, made safe as a folder name. Names
 * with no safe character (`.`, `..`, emoji) or too long get a short hash of the name, so two such
 * scenarios never share a folder.
 */
export function defaultOutputDir(scenarioName: string): string {
  const slug = scenarioName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  const hash = () => createHash('sha256').update(scenarioName).digest('hex').slice(0, 8);
  if (slug === '') return path.join('reports', `scenario-${hash()}`);
  if (slug.length > SLUG_CHARS) return path.join('reports', `${slug.slice(0, SLUG_CHARS).replace(/[-.]+$/, '')}-${hash()}`);
  return path.join('reports', slug);
}
