import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKLOAD_ONLY, cli, tempDir, withFiles } from './helpers.ts';

/**
 * The CLI writes only where it is told (the output folder): it runs on machines without a usable
 * temporary folder (locked-down containers, read-only file systems), where a CLI that compiled its
 * own sources into a cache under $TMPDIR crashed or spun forever.
 */
describe('the CLI runs without a writable temporary folder', () => {
  const readOnly = path.join(tempDir(), 'read-only');
  mkdirSync(readOnly);
  chmodSync(readOnly, 0o555);
  const settings: [string, string | undefined][] = [
    ['TMPDIR unset', undefined],
    ['TMPDIR a folder that does not exist and cannot be made', '/proc/nonexistent'],
    ['TMPDIR a read-only file system', '/proc'],
    ['TMPDIR a read-only folder', readOnly],
  ];

  for (const [name, tmpdir] of settings) {
    it.skipIf(tmpdir?.startsWith('/proc') && !existsSync('/proc/self'))(`${name}: --help and a run succeed`, () => {
      const env = { ...process.env };
      if (tmpdir === undefined) delete env.TMPDIR;
      else env.TMPDIR = tmpdir;
      const help = cli(['--help'], undefined, env);
      expect(help.stderr).toBe('');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Usage: streamsim');

      const dir = withFiles({ 's.yaml': WORKLOAD_ONLY });
      const out = path.join(dir, 'out');
      const run = cli(['run', path.join(dir, 's.yaml'), '--out', out], undefined, env);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      for (const file of ['summary.json', 'series.csv', 'report.html']) expect(existsSync(path.join(out, file))).toBe(true);
    });
  }
});
