import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const streamsim = (...args: string[]) =>
  spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

const SCENARIO = `name: clicks without systems
description: The workload alone, so the report pipeline runs before any system model.
duration: 30m
workload:
  producers:
    - {name: clicks, rate: {schedule: [{at: 0s, rate: 500/s}, {at: 15m, rate: 1500/s}]}, recordSize: 1KB}
  consumers:
    - {name: analytics}
timeline:
  - {at: 15m, consumerOutage: {app: analytics, for: 1m}}
`;

describe('report outputs from the command line', () => {
  const dir = tempDir('cli');
  const file = path.join(dir, 'scenario.yaml');
  writeFileSync(file, SCENARIO);
  const out = path.join(dir, 'run');

  it('`run --format svg,md` writes report.html, one SVG per chart and report.md showing them', () => {
    const run = streamsim('run', file, '--out', out, '--format', 'svg,md', '--quiet');
    expect(run.status, run.stderr).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual(['chart-throughput-bytes.svg', 'chart-throughput-records.svg', 'report.html', 'report.md', 'series.csv', 'summary.json']);
    const md = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(md).toContain('![Throughput in and out (records/s)](chart-throughput-records.svg)');
    // 500/s for 15 min, then 1,500/s: about 1.8 million Poisson arrivals.
    expect(md).toMatch(/\| clicks \| 1,[78]\d\d,\d{3} \|/);
    expect(readFileSync(path.join(out, 'chart-throughput-records.svg'), 'utf8')).toMatch(/^<svg [^>]*class="marks"/);
  });

  it('`report DIR` renders the page again from summary.json and series.csv', () => {
    const first = readFileSync(path.join(out, 'report.html'), 'utf8');
    rmSync(path.join(out, 'report.html'));
    const report = streamsim('report', out);
    expect(report.status, report.stderr).toBe(0);
    expect(report.stdout).toBe(`report: ${path.join(out, 'report.html')}\n`);
    // series.csv keeps 6 significant digits and charts 4, so the page comes back byte for byte.
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toBe(first);
  });

  it('`report` on a folder that is not a run says what is missing and exits 2', () => {
    const report = streamsim('report', path.join(dir, 'nowhere'));
    expect(report.status).toBe(2);
    expect(report.stderr).toContain(`cannot read ${path.join(dir, 'nowhere', 'summary.json')}: no such file`);
  });

  it('an unknown format is a usage error (exit 2) naming the formats there are', () => {
    const run = streamsim('run', file, '--out', out, '--format', 'pdf');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown report format pdf: choose from html, svg, md');
  });

  it('the help lists the report command', () => {
    expect(execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli.ts'), '--help'], { encoding: 'utf8' })).toMatch(/report \[options\] <dir>/);
  });
});
