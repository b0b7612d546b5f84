import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, ScenarioError } from '../../src/index.ts';
import { tempDir } from '../cli/helpers.ts';

const problemOf = (file: string) => {
  try {
    loadScenarioFile(file);
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems.map((p) => `${p.line}:${p.col} ${p.message}`).join('\n');
    throw error;
  }
  return '';
};

describe('scenario files are bounded, regular and UTF-8', () => {
  it('/dev/zero is not a regular file (it used to be read until memory ran out)', () => {
    expect(problemOf('/dev/zero')).toBe('1:1 cannot read the scenario: not a regular file (a device, a pipe or a socket): save the scenario in a file');
  });

  it('a FIFO with no writer is refused at once, not waited on', () => {
    const fifo = path.join(tempDir(), 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(problemOf(fifo)).toMatch(/not a regular file/);
  });

  it('a file over 10 MB (a 50 MB timeline) is refused by its size', () => {
    const file = path.join(tempDir(), 'big.yaml');
    writeFileSync(file, `name: big\nduration: 1m\ntimeline:\n${'  - {at: 1s, zoneOutage: {zone: 0}}\n'.repeat(1_500_000)}`);
    expect(problemOf(file)).toMatch(/^1:1 cannot read the scenario: 54,000,033 bytes; at most 10,000,000/);
  });

  it('invalid UTF-8 is reported where it is, not replaced silently', () => {
    const file = path.join(tempDir(), 'latin1.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from('name: caf'), Buffer.from([0xe9]), Buffer.from('\nduration: 1m\n')]));
    expect(problemOf(file)).toBe('1:10 the file is not valid UTF-8 (at byte 9): save it as UTF-8');
  });
});
