import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT, type CliResult } from '../cli/helpers.ts';

export { ROOT, tempDir, withFiles } from '../cli/helpers.ts';

/** Starts the CLI (bin/streamsim.js) in its own process, stdout and stderr piped. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'streamsim.js'), ...args], {
    cwd,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

export const runCli = (args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): Promise<CliResult> => startCli(args, env, cwd).done;

/** runId -> mtime (ms) of each runs/<runId>/summary.json in a sweep folder. */
export function summaries(dir: string): Map<string, number> {
  const runs = path.join(dir, 'runs');
  const found = new Map<string, number>();
  let ids: string[] = [];
  try {
    ids = readdirSync(runs);
  } catch {
    return found;
  }
  for (const id of ids) {
    const stat = statSync(path.join(runs, id, 'summary.json'), { throwIfNoEntry: false });
    if (stat?.isFile()) found.set(id, stat.mtimeMs);
  }
  return found;
}
