import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, WORKLOAD_ONLY, cli, withFiles } from './helpers.ts';

const SCRIPT = '/usr/bin/script'; // util-linux: runs a command on a pseudo-terminal

describe('the progress bar is drawn on stderr only when stderr is a terminal', () => {
  const scenario = WORKLOAD_ONLY.replace('duration: 1m', 'duration: 10m');

  it('piped (as in CI or a script): stderr stays empty', () => {
    const dir = withFiles({ 's.yaml': scenario });
    expect(cli(['run', path.join(dir, 's.yaml'), '--out', path.join(dir, 'out'), '--no-report']).stderr).toBe('');
  });

  it.skipIf(!existsSync(SCRIPT))('on a terminal: the bar runs to 100 % and gives the cursor back', () => {
    const dir = withFiles({ 's.yaml': scenario });
    const command = [process.execPath, path.join(ROOT, 'bin', 'streamsim.js'), 'run', path.join(dir, 's.yaml'), '--out', path.join(dir, 'out'), '--no-report'];
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm' };
    delete env.CI;
    const result = spawnSync(SCRIPT, ['-qec', command.map((a) => `'${a}'`).join(' '), '/dev/null'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('workload-only ');
    expect(result.stdout).toContain('100%');
    expect(result.stdout).toContain('\u001b[?25h'); // cursor shown again
    // --quiet draws nothing, even on a terminal.
    const quiet = spawnSync(SCRIPT, ['-qec', [...command, '--quiet'].map((a) => `'${a}'`).join(' '), '/dev/null'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(quiet.stdout).not.toContain('%');
  });
});
