import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../cli/helpers.ts';

/** A small Kinesis scenario, 100 records/s of 1 KB on one shard, for the script in docs/library.md. */
const SCENARIO = `name: my-scenario
duration: 1h
workload:
  producers:
    - {name: clicks, rate: 100/s, arrivals: constant, recordSize: 1KB}
  consumers:
    - {name: analytics}
systems:
  kinesis: {shards: 1}
`;

/**
 * Another program's project, with streamsim installed in its node_modules (a link to this package,
 * as `npm install ../streamsim` makes): its imports of `streamsim` go through the package's exports
 * map to the compiled dist/, as they would for any user.
 */
function userProject(files: Record<string, string>): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(ROOT, path.join(dir, 'node_modules', 'streamsim'), 'dir');
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

const node = (args: string[], cwd: string) => spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 60_000 });

describe('streamsim as a library: a program imports it by name', () => {
  const docs = readFileSync(path.join(ROOT, 'docs', 'library.md'), 'utf8');
  const script = /```js\n([\s\S]*?)```/.exec(docs)![1];

  it("docs/library.md's script runs ten minutes of the scenario, prints the table and the monthly cost, and writes the report", () => {
    const dir = userProject({ 'my-scenario.yaml': SCENARIO, 'script.mjs': script });
    const { status, stdout, stderr } = node(['script.mjs'], dir);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    // 100 records/s for the 10 minutes of the override: 60,000 records.
    expect(stdout).toMatch(/^records offered +60,000$/m);
    expect(stdout).toMatch(/^Kinesis, per month: \$\d+\.\d\d$/m);
    expect(existsSync(path.join(dir, 'reports', 'my-scenario', 'report.html'))).toBe(true);
  });

  it('only the entry point is public: the modules behind it are not exported', () => {
    const dir = userProject({});
    const { stdout } = node(['--input-type=module', '-e', "import('streamsim/dist/cli.js').catch((e) => console.log(e.code))"], dir);
    expect(stdout.trim()).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('the declarations type a TypeScript program: results are typed, a field that does not exist is an error', () => {
    const program = [
      "import { loadScenarioFile, runScenario, type RunResult } from 'streamsim';",
      "const result: RunResult = runScenario(loadScenarioFile('my-scenario.yaml'));",
      'const perMonth: number | undefined = result.summary.systems.kinesis?.cost.perMonth;',
      '// @ts-expect-error: a summary has no such field',
      'console.log(perMonth, result.summary.colour);',
    ].join('\n');
    const dir = userProject({ 'check.mts': program });
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const { status, stdout } = node([tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--target', 'es2022', 'check.mts'], dir);
    expect(stdout).toBe('');
    expect(status).toBe(0);
  });
});
