import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, WORKLOAD_ONLY, cli, withFiles } from './helpers.ts';

const PROBLEM_LINE = /^[^:\n]+\.(yaml|json):\d+:\d+: [\w.$]*:? ?.+$/;

describe('streamsim help', () => {
  it('--help lists the commands and ends with examples; exit code 0', () => {
    const { code, stdout } = cli(['--help']);
    expect(code).toBe(0);
    for (const command of ['run', 'validate', 'schema']) expect(stdout).toContain(`  ${command} `);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^ {2}streamsim /);
    expect(stdout).toContain('Examples:');
  });

  it('run --help explains --set and --seed with examples; exit code 0', () => {
    const { code, stdout } = cli(['run', '--help']);
    expect(code).toBe(0);
    for (const option of ['--out <dir>', '--seed <n>', '--set <path=value>', '--json', '--no-report', '--quiet']) expect(stdout).toContain(option);
    expect(stdout).toContain('streamsim run scenarios/default.yaml --set duration=2h --set systems.kinesis.shards=8');
  });

  it('an unknown command or option is a usage error: exit code 2', () => {
    expect(cli(['bogus']).code).toBe(2);
    expect(cli(['run', '--colour', 'x.yaml']).code).toBe(2);
    expect(cli(['run']).code).toBe(2);
  });
});

describe('streamsim validate', () => {
  const dir = withFiles({
    'good.yaml': WORKLOAD_ONLY,
    'bad.yaml': 'name: bad\nduration: 0s\nworkload:\n  producers:\n    - {name: p, rate: 10/s, recordSize: -5, colour: red}\n',
  });

  it('a valid file: one "valid" line on stdout, exit code 0', () => {
    const good = path.join(dir, 'good.yaml');
    expect(cli(['validate', good])).toEqual({ code: 0, stdout: `${good}: valid\n`, stderr: '' });
  });

  it('invalid files: every problem as file:line:col: path: message on stdout, exit code 2, no stack trace', () => {
    const bad = path.join(dir, 'bad.yaml');
    const { code, stdout, stderr } = cli(['validate', path.join(dir, 'good.yaml'), bad]);
    expect(code).toBe(2);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${path.join(dir, 'good.yaml')}: valid`);
    expect(lines.slice(1)).toEqual([
      `${bad}:2:11: duration: must be longer than zero: give the simulated time, e.g. 1h`,
      `${bad}:5:41: workload.producers.0.recordSize: expected a positive size such as 2KB, or {dist: lognormal, median, p99}, {dist: uniform, min, max} or {dist: fixed, size}`,
      `${bad}:5:45: workload.producers.0.colour: unknown key "colour"; expected one of name, rate, arrivals, recordSize, keys, instances, network`,
    ]);
    for (const line of lines.slice(1)) expect(line).toMatch(PROBLEM_LINE);
  });

  it('a file that does not exist is reported like any problem, exit code 2', () => {
    const { code, stdout } = cli(['validate', path.join(dir, 'missing.yaml')]);
    expect(code).toBe(2);
    expect(stdout).toBe(`${path.join(dir, 'missing.yaml')}:1:1: cannot read the scenario: no such file\n`);
  });
});

describe('streamsim run', () => {
  it('a workload-only scenario runs: summary.json and series.csv written, a result line on stdout, exit code 0', () => {
    const dir = withFiles({ 's.yaml': WORKLOAD_ONLY });
    const out = path.join(dir, 'out');
    const { code, stdout, stderr } = cli(['run', path.join(dir, 's.yaml'), '--out', out, '--no-report']);
    expect(code).toBe(0);
    expect(stderr).toBe(''); // no progress line: stderr is not a terminal
    expect(stdout).toContain('clicks: 600 records offered (1,200,000 bytes)');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(`results: ${out}`);
    expect(readdirSync(out).sort()).toEqual(['series.csv', 'summary.json']);
    expect(JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')).workload.producers.clicks).toEqual({ offeredRecords: 600, offeredBytes: 1_200_000 });
  });

  it('--json: stdout holds only the summary JSON, the same as summary.json', () => {
    const dir = withFiles({ 's.yaml': WORKLOAD_ONLY });
    const out = path.join(dir, 'out');
    const { code, stdout } = cli(['run', path.join(dir, 's.yaml'), '--out', out, '--json', '--no-report']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toEqual(JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')));
    expect(summary.scenario).toBe('workload-only');
    expect(summary.systems).toEqual({});
  });

  it('--quiet prints only where the results are', () => {
    const dir = withFiles({ 's.yaml': WORKLOAD_ONLY });
    const out = path.join(dir, 'out');
    expect(cli(['run', path.join(dir, 's.yaml'), '--out', out, '--quiet', '--no-report'])).toEqual({ code: 0, stdout: `results: ${out}\n`, stderr: '' });
  });

  it('--set and --seed apply, with units: 2 minutes at 5MB/s of 2KB records is 300,000 records', () => {
    const dir = withFiles({ 's.yaml': WORKLOAD_ONLY });
    const { code, stdout } = cli([
      'run', path.join(dir, 's.yaml'), '--out', path.join(dir, 'out'), '--json', '--no-report',
      '--set', 'duration=2m', '--set', 'workload.producers.0.rate=5MB/s', '--seed', '9',
    ]);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.durationSeconds).toBe(120);
    expect(summary.seed).toBe(9);
    expect(summary.workload.producers.clicks.offeredRecords).toBe(300_000);
  });

  it('a bad --set path or value is reported at its place in the file, naming the override; exit code 2', () => {
    const dir = withFiles({ 's.yaml': WORKLOAD_ONLY });
    const file = path.join(dir, 's.yaml');
    const { code, stdout, stderr } = cli(['run', file, '--out', path.join(dir, 'out'), '--set', 'workload.producers.0.rat=5/s', '--set', 'duration=soon']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      `${file}:2:11: duration: expected a duration such as 200ms, 30s, 5m, 24h or 7d (from --set duration=soon)`,
      `${file}:5:7: workload.producers.0.rat: unknown key "rat": did you mean "rate"? (from --set workload.producers.0.rat=5/s)`,
    ]);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('--set without "=" or --seed that is not a number is a usage error, exit code 2', () => {
    expect(cli(['run', 'x.yaml', '--set', 'duration']).code).toBe(2);
    expect(cli(['run', 'x.yaml', '--seed', 'abc']).code).toBe(2);
  });

  it('an invalid file among several: every problem on stderr, exit code 2, nothing run and nothing written', () => {
    const dir = withFiles({ 'good.yaml': WORKLOAD_ONLY, 'bad.yaml': WORKLOAD_ONLY.replace('name: workload-only', 'name: bad').replace('10/s', '0/s') });
    const out = path.join(dir, 'out');
    const { code, stdout, stderr } = cli(['run', path.join(dir, 'good.yaml'), path.join(dir, 'bad.yaml'), '--out', out]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${path.join(dir, 'bad.yaml')}:6:13: workload.producers.0.rate: the rate is zero at all times: give a positive rate, or a schedule with one\n`);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
  });

  it('outputs that cannot be written: a one-line message, exit code 1', () => {
    const dir = withFiles({ 's.yaml': WORKLOAD_ONLY, 'a-file': '' });
    const out = path.join(dir, 'a-file', 'out');
    const { code, stderr } = cli(['run', path.join(dir, 's.yaml'), '--out', out, '--quiet']);
    expect(code).toBe(1);
    expect(stderr).toBe(`streamsim: cannot write the outputs to ${out}: a part of the path is a file, not a folder\n`);
  });

  it('several files with --out: one sub-folder each, and --json prints an array of their summaries', () => {
    const dir = withFiles({ 'a.yaml': WORKLOAD_ONLY.replace('name: workload-only', 'name: first'), 'b.yaml': WORKLOAD_ONLY.replace('name: workload-only', 'name: second') });
    const out = path.join(dir, 'out');
    const { code, stdout } = cli(['run', path.join(dir, 'a.yaml'), path.join(dir, 'b.yaml'), '--out', out, '--json', '--no-report']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).map((s: { scenario: string }) => s.scenario)).toEqual(['first', 'second']);
    expect(readdirSync(out).sort()).toEqual(['first', 'second']);
    // Two scenarios with one name would overwrite each other: refused before running.
    const clash = cli(['run', path.join(dir, 'a.yaml'), path.join(dir, 'a.yaml'), '--out', path.join(dir, 'clash')]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('would both write to');
    expect(existsSync(path.join(dir, 'clash'))).toBe(false);
  });

  it('writes to reports/<scenario name>/ by default, relative to where it runs', () => {
    const dir = withFiles({ 's.yaml': WORKLOAD_ONLY.replace('name: workload-only', 'name: My Scenario!') });
    const { code, stdout } = cli(['run', 's.yaml', '--quiet', '--no-report'], dir);
    expect(code).toBe(0);
    expect(stdout).toBe(`results: ${path.join('reports', 'my-scenario')}\n`);
    expect(existsSync(path.join(dir, 'reports', 'my-scenario', 'summary.json'))).toBe(true);
  });
});

describe('streamsim schema', () => {
  it('prints the committed scenario.schema.json, exit code 0', () => {
    const { code, stdout } = cli(['schema']);
    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(path.join(ROOT, 'scenario.schema.json'), 'utf8'));
  });
});


describe('a reader that stops early', () => {
  it('stdout closed before the CLI writes (as `streamsim --help | head -1` can): no error, exit code 0', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'streamsim.js'), '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // before the child has started, so its first write finds the pipe closed
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
