import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatClock, formatProgress, type ProgressLine } from '../../src/cli/progress.ts';
import { HOUR, MINUTE, SECOND } from '../../src/engine/time.ts';
import { ROOT, WORKLOAD_ONLY, cli, withFiles } from './helpers.ts';

const SCRIPT = '/usr/bin/script'; // util-linux: runs a command on a pseudo-terminal

describe('the progress line shows the simulated time, records per second and the time left', () => {
  const line: ProgressLine = {
    label: 'default',
    fraction: 0.685,
    system: 'kafka',
    simulated: 22 * MINUTE + 13 * SECOND,
    duration: HOUR,
    recordsPerSecond: 1_234_567,
    etaSeconds: 40.2,
  };

  it('a two-system run, in its second system: the bar counts both halves, the clock the system being simulated', () => {
    expect(formatProgress(line)).toBe('default kafka ██████████░░░░░░  68% | 22:13 of 1h simulated | eta 0:41 | 1.23M records/s');
  });

  it('the first percent gives no estimate; a workload alone names no system', () => {
    expect(formatProgress({ ...line, fraction: 0.004, system: undefined, simulated: 14 * SECOND, recordsPerSecond: 950, etaSeconds: undefined })).toBe(
      'default ░░░░░░░░░░░░░░░░   0% | 0:14 of 1h simulated | eta – | 950 records/s',
    );
  });

  it('rates round to three figures in k or M', () => {
    expect(formatProgress({ ...line, recordsPerSecond: 12_549 })).toContain('| 12.5k records/s');
    expect(formatProgress({ ...line, recordsPerSecond: 999_999 })).toContain('| 1M records/s');
  });

  it('clocks: minutes and seconds, then hours, then days', () => {
    expect([41, 22 * 60 + 13, 3 * 3600 + 5 * 60 + 9, 12 * 86_400 + 3 * 3600 + 5 * 60 + 9].map(formatClock)).toEqual(['0:41', '22:13', '3:05:09', '12d 03:05:09']);
  });
});

describe('the progress line is drawn on stderr only when stderr is a terminal', () => {
  const scenario = WORKLOAD_ONLY.replace('duration: 1m', 'duration: 10m');

  it('piped (as in CI or a script): stderr stays empty', () => {
    const dir = withFiles({ 's.yaml': scenario });
    expect(cli(['run', path.join(dir, 's.yaml'), '--out', path.join(dir, 'out'), '--no-report']).stderr).toBe('');
  });

  it.skipIf(!existsSync(SCRIPT))('on a terminal: the line reaches 100 % of the simulated time and is cleared at the end', () => {
    const dir = withFiles({ 's.yaml': scenario });
    const command = [process.execPath, path.join(ROOT, 'bin', 'streamsim.js'), 'run', path.join(dir, 's.yaml'), '--out', path.join(dir, 'out'), '--no-report'];
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm' };
    delete env.CI;
    const terminal = (args: string[]) => spawnSync(SCRIPT, ['-qec', args.map((a) => `'${a}'`).join(' '), '/dev/null'], { encoding: 'utf8', env, timeout: 60_000 });
    const result = terminal(command);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('workload-only ████████████████ 100% | 10:00 of 10m simulated | eta 0:00 |');
    expect(result.stdout).toContain('\r\u001b[K'); // the line cleared before the table
    // --quiet draws nothing, even on a terminal.
    expect(terminal([...command, '--quiet']).stdout).not.toContain('simulated');
  });
});
