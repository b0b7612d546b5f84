import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, withFiles } from '../cli/helpers.ts';

/** A run whose simulation would take long: the output folder problems must show before it starts. */
const LONG = `name: long
duration: 30d
workload:
  producers: [{name: clicks, rate: 1000/s}]
systems:
  kafka: {}
`;

describe('output folders are checked before the simulation starts', () => {
  it('--out "" is bad usage (exit 2), nothing runs', () => {
    const dir = withFiles({ 'long.yaml': LONG });
    const r = cli(['run', path.join(dir, 'long.yaml'), '--out', '', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no folder given');
  });

  it('an --out inside a file fails at once (exit 1) with the reason', () => {
    const dir = withFiles({ 'long.yaml': LONG, 'file': '' });
    const r = cli(['run', path.join(dir, 'long.yaml'), '--out', path.join(dir, 'file', 'out'), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('a part of the path is a file, not a folder');
  });

  it('an --out holding files streamsim did not write is refused, and kept', () => {
    const dir = withFiles({ 'long.yaml': LONG });
    const out = path.join(dir, 'mine');
    mkdirSync(out);
    writeFileSync(path.join(out, 'notes.txt'), 'mine');
    const r = cli(['run', path.join(dir, 'long.yaml'), '--out', out, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('it holds files streamsim did not write (notes.txt)');
    expect(readdirSync(out)).toEqual(['notes.txt']);
  });

  it('a 300-character scenario name writes to a folder a file system takes', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 's.yaml'), `name: ${'n'.repeat(300)}\nduration: 2s\nworkload: {producers: [{name: p, rate: 10/s}]}\n`);
    const r = cli(['run', 's.yaml', '--quiet', '--no-report'], cwd);
    expect(r.code).toBe(0);
    const [folder] = readdirSync(path.join(cwd, 'reports'));
    expect(folder).toMatch(/^n{80}-[0-9a-f]{8}$/);
    expect(existsSync(path.join(cwd, 'reports', folder, 'summary.json'))).toBe(true);
  });
});
