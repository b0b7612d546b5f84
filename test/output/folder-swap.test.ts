import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputFolder, OutputFolderBusy, OutputWriteError, defaultOutputDir, writeOutputsAtomically, type OutputFs } from '../../src/output/write.ts';
import { nodeOutputFs } from '../../src/output/output-fs.ts';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'streamsim-swap-'));
const files = (dir: string) => readdirSync(dir).sort();

/** A run's set: every file names the run, so a mixed folder shows. */
const runSet = (run: string, report = true) => [
  { name: 'summary.json', content: `{"run": "${run}"}` },
  { name: 'series.csv', content: `time,${run}\n` },
  ...(report ? [{ name: 'report.html', content: `<p>${run}</p>` }] : []),
];
const runsIn = (dir: string) => new Set(files(dir).map((f) => /(run-\w+)/.exec(readFileSync(path.join(dir, f), 'utf8'))?.[1]));

class Killed extends Error {}

/** Node's file operations until the n-th call of `step` has happened; then the process is "killed": every call throws. */
function killedAfter(step: 'writeNew' | 'rename', n: number): OutputFs {
  let calls = 0;
  let dead = false;
  const fs = { ...nodeOutputFs } as Record<string, (...a: unknown[]) => unknown>;
  for (const [name, op] of Object.entries(nodeOutputFs) as [string, (...a: unknown[]) => unknown][]) {
    fs[name] = (...a) => {
      if (dead) throw new Killed();
      const result = op(...a);
      if (name === step && ++calls === n) dead = true;
      return result;
    };
  }
  return fs as unknown as OutputFs;
}

describe('an output folder changes all at once', () => {
  const killPoints: [string, OutputFs][] = [
    ['after writing its first file', killedAfter('writeNew', 1)],
    ['after the first rename of the swap', killedAfter('rename', 1)],
    ['after the second rename of the swap', killedAfter('rename', 2)],
  ];
  for (const [when, fs] of killPoints) {
    it(`a run killed ${when} leaves one whole run, and the next run cleans up`, () => {
      const parent = tempDir();
      const dir = path.join(parent, 'run');
      writeOutputsAtomically(dir, runSet('run-old'));
      const folder = OutputFolder.claim(dir, fs);
      try {
        folder.replace(runSet('run-new'));
      } catch (error) {
        if (!(error instanceof OutputWriteError)) throw error;
      }
      if (existsSync(dir)) expect(runsIn(dir).size).toBe(1); // never a mix, even before the clean-up
      writeFileSync(path.join(parent, '.run.lock'), '2147483646\n'); // the lock stays; the killed run's process is gone
      OutputFolder.claim(dir).release(); // the next run cleans what the killed one left
      expect(files(parent)).toEqual(['run']);
      expect(files(dir)).toEqual(['report.html', 'series.csv', 'summary.json']);
      expect(runsIn(dir).size).toBe(1);
    });
  }

  it('a run without a report removes the report of the earlier run', () => {
    const dir = path.join(tempDir(), 'run');
    writeOutputsAtomically(dir, [...runSet('run-a'), { name: 'chart-lag.svg', content: '<svg>run-a</svg>' }]);
    writeOutputsAtomically(dir, runSet('run-b', false));
    expect(files(dir)).toEqual(['series.csv', 'summary.json']);
    expect(runsIn(dir)).toEqual(new Set(['run-b']));
  });

  it('a second run on the same folder fails at once, naming the first', () => {
    const dir = path.join(tempDir(), 'run');
    const first = OutputFolder.claim(dir);
    expect(() => OutputFolder.claim(dir)).toThrow(`another streamsim run (process ${process.pid}) is writing to ${dir}`);
    first.release();
    OutputFolder.claim(dir).release();
  });

  it('the lock of a run that died is taken over', () => {
    const parent = tempDir();
    writeFileSync(path.join(parent, '.run.lock'), '2147483646\n'); // no such process
    writeOutputsAtomically(path.join(parent, 'run'), runSet('run-a'));
    expect(files(parent)).toEqual(['run']);
  });

  it('a folder holding other files is never replaced', () => {
    const dir = path.join(tempDir(), 'home');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'thesis.tex'), 'precious');
    expect(() => OutputFolder.claim(dir)).toThrow(`cannot write the outputs to ${dir}: it holds files streamsim did not write (thesis.tex): choose a new or empty folder`);
    expect(files(dir)).toEqual(['thesis.tex']);
  });
});

describe('symlinks planted beside or in the folder change nothing outside it', () => {
  it('links at the lock, at an old-style temporary name and at a leftover name are not followed', () => {
    const parent = tempDir();
    const victim = path.join(tempDir(), 'victim');
    writeFileSync(victim, 'precious');
    const dir = path.join(parent, 'o');
    mkdirSync(dir);
    symlinkSync(victim, path.join(dir, `.summary.json.${process.pid}.tmp`));
    symlinkSync(victim, path.join(parent, '.o.lock'));
    symlinkSync(path.dirname(victim), path.join(parent, '.o.tmp-AAAAAA'));
    writeOutputsAtomically(dir, runSet('run-a'));
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(files(path.dirname(victim))).toEqual(['victim']);
    expect(files(parent)).toEqual(['o']);
    expect(files(dir)).toEqual(['report.html', 'series.csv', 'summary.json']);
  });

  it('an output folder that is a symlink is refused', () => {
    const parent = tempDir();
    const elsewhere = tempDir();
    symlinkSync(elsewhere, path.join(parent, 'o'));
    expect(() => writeOutputsAtomically(path.join(parent, 'o'), runSet('run-a'))).toThrow('it is a symlink');
    expect(files(elsewhere)).toEqual([]);
  });
});

describe('output folder names', () => {
  it('an empty --out, or a name longer than a file system takes, is refused before anything is written', () => {
    expect(() => OutputFolder.claim('')).toThrow('no folder given');
    const long = path.join(tempDir(), 'x'.repeat(300));
    expect(() => OutputFolder.claim(long)).toThrow('the folder name is 300 bytes long; at most 243');
    expect(existsSync(long)).toBe(false);
  });

  it('scenario names with no safe character get folders of their own', () => {
    const dirs = ['.', '..', '🚀🚀🚀', '🛸'].map(defaultOutputDir);
    expect(new Set(dirs).size).toBe(4);
    for (const d of dirs) expect(d).toMatch(/^reports\/scenario-[0-9a-f]{8}$/);
    expect(path.basename(defaultOutputDir('a'.repeat(300))).length).toBeLessThanOrEqual(89);
    expect(defaultOutputDir('Kafka broker failure')).toBe('reports/kafka-broker-failure');
  });
});
