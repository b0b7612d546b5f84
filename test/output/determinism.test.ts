import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, runDataFiles, runScenario } from '../../src/index.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Poisson arrivals, lognormal sizes, Zipf keys, a schedule and a diurnal rate: every random stream of the workload. */
const SCENARIO = `name: determinism
duration: 10m
sampleInterval: 10s
seed: 42
workload:
  producers:
    - name: clicks
      rate: {schedule: [{at: 0s, rate: 500/s}, {at: 5m, rate: 2MB/s}]}
      recordSize: {dist: lognormal, median: 2KB, p99: 40KB}
      keys: {count: 10000, dist: zipf, exponent: 1.1}
    - name: views
      rate: {diurnal: {mean: 200/s, amplitude: 0.5, peakAt: 5m}}
      arrivals: constant
      recordSize: {dist: uniform, min: 100B, max: 1KB}
  consumers:
    - name: analytics
`;

function outputsInThisProcess(text: string) {
  const [summary, series] = runDataFiles(runScenario(parseScenario(text, 'determinism.yaml'))).files;
  return { summary: summary.content, series: series.content };
}

describe('same scenario and seed, byte-identical outputs', () => {
  it('twice in this process, and once in a fresh process through the CLI', () => {
    const first = outputsInThisProcess(SCENARIO);
    const second = outputsInThisProcess(SCENARIO);
    expect(second.summary).toBe(first.summary);
    expect(second.series).toBe(first.series);

    const dir = mkdtempSync(path.join(os.tmpdir(), 'streamsim-determinism-'));
    writeFileSync(path.join(dir, 'determinism.yaml'), SCENARIO);
    const out = path.join(dir, 'out');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'run', path.join(dir, 'determinism.yaml'), '--out', out, '--no-report', '--quiet'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(out, 'summary.json'), 'utf8')).toBe(first.summary);
    expect(readFileSync(path.join(out, 'series.csv'), 'utf8')).toBe(first.series);
  });

  it('another seed gives other records (so the comparison above means something)', () => {
    const other = outputsInThisProcess(SCENARIO.replace('seed: 42', 'seed: 43'));
    expect(other.series).not.toBe(outputsInThisProcess(SCENARIO).series);
  });
});
