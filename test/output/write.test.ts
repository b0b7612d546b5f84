import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputWriteError, writeOutputsAtomically, type OutputFs } from '../../src/output/write.ts';
import { nodeOutputFs } from '../../src/output/output-fs.ts';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'streamsim-write-'));

/** Node's file operations, except that the n-th write (or rename) throws like a full disk. */
function failingFs(failOn: { write?: number; rename?: number }): OutputFs {
  let writes = 0;
  let renames = 0;
  const full = () => Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
  return {
    ...nodeOutputFs,
    writeNew: (file, content) => {
      if (++writes === failOn.write) {
        writeFileSync(file, content.slice(0, 3)); // a partial temporary file, as a full disk leaves it
        throw full();
      }
      nodeOutputFs.writeNew(file, content);
    },
    rename: (from, to) => {
      if (++renames === failOn.rename) throw full();
      nodeOutputFs.rename(from, to);
    },
  };
}

const files = (dir: string) => readdirSync(dir).sort();

describe('outputs are written atomically', () => {
  it('writes every file, creating the folder, and leaves no temporary file', () => {
    const dir = path.join(tempDir(), 'a', 'b');
    const written = writeOutputsAtomically(dir, [
      { name: 'summary.json', content: '{}\n' },
      { name: 'series.csv', content: 'time\n1\n' },
    ]);
    expect(written).toEqual([path.join(dir, 'summary.json'), path.join(dir, 'series.csv')]);
    expect(files(dir)).toEqual(['series.csv', 'summary.json']);
    expect(readFileSync(path.join(dir, 'series.csv'), 'utf8')).toBe('time\n1\n');
  });

  it('a failing write (a full disk on the second file) keeps the previous outputs and leaves no partial file', () => {
    const dir = tempDir();
    writeOutputsAtomically(dir, [
      { name: 'summary.json', content: 'old summary' },
      { name: 'series.csv', content: 'old series' },
    ]);
    const attempt = () =>
      writeOutputsAtomically(
        dir,
        [
          { name: 'summary.json', content: 'new summary' },
          { name: 'series.csv', content: 'new series' },
        ],
        failingFs({ write: 2 }),
      );
    expect(attempt).toThrow(OutputWriteError);
    expect(attempt).toThrow(`cannot write the outputs to ${dir}: no space left on the device`);
    expect(files(dir)).toEqual(['series.csv', 'summary.json']);
    expect(readFileSync(path.join(dir, 'summary.json'), 'utf8')).toBe('old summary');
    expect(readFileSync(path.join(dir, 'series.csv'), 'utf8')).toBe('old series');
  });

  it('a failing first write into a new folder leaves no file at all', () => {
    const dir = path.join(tempDir(), 'new');
    expect(() => writeOutputsAtomically(dir, [{ name: 'summary.json', content: '{}' }], failingFs({ write: 1 }))).toThrow(OutputWriteError);
    expect(existsSync(dir)).toBe(false);
    expect(files(path.dirname(dir))).toEqual([]);
  });

  it('a failing swap keeps the previous outputs and leaves nothing beside the folder', () => {
    const dir = path.join(tempDir(), 'run');
    writeOutputsAtomically(dir, [{ name: 'summary.json', content: 'old summary' }]);
    const attempt = () =>
      writeOutputsAtomically(
        dir,
        [
          { name: 'summary.json', content: 'new summary' },
          { name: 'series.csv', content: 'new series' },
        ],
        failingFs({ rename: 2 }),
      );
    expect(attempt).toThrow(OutputWriteError);
    expect(files(dir)).toEqual(['summary.json']);
    expect(readFileSync(path.join(dir, 'summary.json'), 'utf8')).toBe('old summary');
    expect(files(path.dirname(dir))).toEqual(['run']);
  });

  it('a folder that cannot be created: an OutputWriteError naming it', () => {
    const base = tempDir();
    writeFileSync(path.join(base, 'file'), '');
    const dir = path.join(base, 'file', 'out');
    expect(() => writeOutputsAtomically(dir, [{ name: 'summary.json', content: '{}' }])).toThrow(
      `cannot write the outputs to ${dir}: a part of the path is a file, not a folder`,
    );
    expect(existsSync(dir)).toBe(false);
  });
});
