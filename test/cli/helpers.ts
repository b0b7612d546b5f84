import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in a fresh Node process through bin/streamsim.js (what `npx streamsim` runs: the
 * compiled CLI in dist/), from any folder, as a user would: stdout and stderr are pipes, not a terminal.
 */
export function cli(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = process.env): CliResult {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'streamsim.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'streamsim-cli-'));
}

/** Writes files into a fresh temporary folder; returns the folder. */
export function withFiles(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

/** A workload-only scenario: 10 records/s, evenly spaced, for a minute (600 records). */
export const WORKLOAD_ONLY = `name: workload-only
duration: 1m
workload:
  producers:
    - name: clicks
      rate: 10/s
      arrivals: constant
      recordSize: 2KB
  consumers:
    - name: analytics
`;
