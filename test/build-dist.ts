import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Written by every build (tsc's incremental state), so its time says when dist/ was last built. */
const STAMP = path.join(ROOT, 'dist', '.tsbuildinfo');
const BUILD_INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json'];

/**
 * Vitest's global setup: tests run the compiled CLI and import the package from dist/, as users do,
 * so dist/ is built first when it is missing or older than a source file (`npm ci` has built it on
 * a fresh machine; after an edit, this keeps the tests from running yesterday's build).
 */
export default function buildDist(): void {
  if (existsSync(STAMP) && newestChange(BUILD_INPUTS.map((p) => path.join(ROOT, p))) <= statSync(STAMP).mtimeMs) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  // An incremental build with nothing to do leaves the stamp as it was.
  const now = new Date();
  utimesSync(STAMP, now, now);
}

function newestChange(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    const stat = statSync(p);
    newest = Math.max(newest, stat.mtimeMs, stat.isDirectory() ? newestChange(readdirSync(p).map((name) => path.join(p, name))) : 0);
  }
  return newest;
}
