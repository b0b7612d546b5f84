import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, runDataFiles, runScenario } from '../../src/index.ts';
import { readRunOutputs } from '../../src/report/read-run.ts';
import { cli, tempDir, withFiles } from '../cli/helpers.ts';

/** A real run's folder: summary.json and series.csv as `run` writes them. */
function runFolder(): string {
  const result = runScenario(parseScenario('name: r\nduration: 10s\nworkload: {producers: [{name: p, rate: 10/s}]}\nsystems: {kafka: {}}\n', 'r.yaml'));
  const dir = tempDir();
  for (const f of runDataFiles(result).files) writeFileSync(path.join(dir, f.name), f.content);
  return dir;
}

const tamper = (dir: string, name: string, change: (text: string) => string) => writeFileSync(path.join(dir, name), change(readFileSync(path.join(dir, name), 'utf8')));

describe('streamsim report DIR checks the folder before trusting it', () => {
  it('reads back what a run wrote', () => {
    expect(readRunOutputs(runFolder()).series.rows).toHaveLength(10);
  });

  const cases: [string, (dir: string) => void, RegExp][] = [
    ['an empty summary ({})', (d) => writeFileSync(path.join(d, 'summary.json'), '{}'), /summary\.json: scenario: .*not the summary of a streamsim run/],
    ['a summary that is not JSON', (d) => writeFileSync(path.join(d, 'summary.json'), '{"scenario": '), /summary\.json is not JSON/],
    ['a negative cost', (d) => tamper(d, 'summary.json', (t) => t.replace(/"total": [\d.e-]+/, '"total": -1')), /cost\.total: .*>=0/],
    ['a series from another run', (d) => tamper(d, 'series.csv', (t) => t.replace(/\n2,/, '\n2.5,')), /series\.csv is not the series written with summary\.json \(run [0-9a-f]{16}\): the folder mixes two runs/],
  ];
  for (const [what, change, message] of cases) {
    it(`refuses ${what}`, () => {
      const dir = runFolder();
      change(dir);
      expect(() => readRunOutputs(dir)).toThrow(message);
    });
  }

  it('refuses a series.csv with rows not as long as the header, text cells, or time going back', () => {
    for (const [csv, message] of [
      ['time,a\n1,2,3\n', /series\.csv:2: 3 fields; the header has 2/],
      ['time,a\n1,x\n', /series\.csv:2: column a: "x" is not a number/],
      ['time,a\n2,1\n1,1\n', /series\.csv:3: times must be given and increase/],
      ['', /series\.csv:1: the file is empty/],
    ] as const) {
      const dir = runFolder();
      tamper(dir, 'summary.json', (t) => t.replace(/,\n  "seriesSha256": "[0-9a-f]+"/, ''));
      writeFileSync(path.join(dir, 'series.csv'), csv);
      expect(() => readRunOutputs(dir)).toThrow(message);
    }
  });

  it('a 250,000-row series.csv is refused by its row count (a run writes at most 100,000), not by a stack overflow', () => {
    const dir = runFolder();
    tamper(dir, 'summary.json', (t) => t.replace(/,\n  "seriesSha256": "[0-9a-f]+"/, ''));
    writeFileSync(path.join(dir, 'series.csv'), `time,a\n${Array.from({ length: 250_000 }, (_, i) => `${i + 1},1`).join('\n')}\n`);
    expect(() => readRunOutputs(dir)).toThrow(/series\.csv:100002: more than 100,000 rows, the most a run writes/);
  });

  it('through the CLI: exit 2, one line, no stack trace', () => {
    const dir = withFiles({ 'summary.json': '{}', 'series.csv': '' });
    const r = cli(['report', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).toMatch(/not the summary of a streamsim run/);
  });
});
