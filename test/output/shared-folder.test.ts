import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFilesInFolder } from '../../src/output/shared-folder.ts';
import { nodeOutputFs } from '../../src/output/output-fs.ts';
import { OutputWriteError } from '../../src/output/write.ts';

describe('files written into a folder that others write into too (a sweep folder)', () => {
  it('replaces each file whole and leaves everything else in the folder as it was', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shared-'));
    writeFileSync(path.join(dir, 'plan.jsonl'), 'theirs\n');
    writeFileSync(path.join(dir, 'sweep.csv'), 'old\n');
    writeFilesInFolder(dir, [
      { name: 'sweep.csv', content: 'new\n' },
      { name: 'sweep.html', content: '<p>new</p>\n' },
    ]);
    expect(readdirSync(dir).sort()).toEqual(['plan.jsonl', 'sweep.csv', 'sweep.html']);
    expect(readFileSync(path.join(dir, 'sweep.csv'), 'utf8')).toBe('new\n');
    expect(readFileSync(path.join(dir, 'plan.jsonl'), 'utf8')).toBe('theirs\n');
  });

  it('when a write fails, the earlier files stay and no temporary file is left', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shared-'));
    writeFileSync(path.join(dir, 'sweep.csv'), 'old\n');
    let writes = 0;
    const failing = { ...nodeOutputFs, writeNew: (file: string, content: string) => (++writes === 2 ? (() => { throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }); })() : nodeOutputFs.writeNew(file, content)) };
    expect(() => writeFilesInFolder(dir, [{ name: 'sweep.csv', content: 'new\n' }, { name: 'sweep.html', content: 'x' }], failing)).toThrow(OutputWriteError);
    expect(readdirSync(dir)).toEqual(['sweep.csv']);
    expect(readFileSync(path.join(dir, 'sweep.csv'), 'utf8')).toBe('old\n');
  });
});
