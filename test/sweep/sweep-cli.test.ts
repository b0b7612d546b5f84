import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { RecordFeed } from '../../src/models/kinesis/record-feed.ts';
import { runCli, startCli, summaries, tempDir, withFiles } from './helpers.ts';

const SLOW = 240_000;

/**
 * The write limit of a Kinesis shard is 1,000 records/s. The SDK producer sends each record as its
 * own Kinesis record (the KPL would aggregate them and hide the limit), so two shards take 2,000
 * records/s; the sweep offers 1,000 to 4,000 records/s.
 */
const KNEE_SWEEP = `name: two-shards
duration: 30s
workload:
  producers:
    - {name: clicks, rate: 1000/s, recordSize: 100B}
systems:
  kinesis:
    shards: 2
    limits: {shardWriteRecordsPerSec: 1000}
    producer: {client: sdk}
sweep:
  seed: 3
  vary:
    workload.producers[0].rate: {from: 1000/s, to: 4000/s, steps: 12, scale: log}
`;

/** Both systems, 3 loads × 2 replications: 6 runs, 12 rows of sweep.csv. */
const SMALL_SWEEP = `name: small
duration: 10s
workload:
  producers:
    - {name: clicks, rate: 500/s, recordSize: 1KB}
  consumers:
    - {name: analytics}
systems:
  kinesis: {shards: 1}
  kafka: {brokers: 3, partitions: 3}
sweep:
  seed: 11
  replications: 2
  vary:
    workload.producers[0].rate: [500/s, 1000/s, 2000/s]
`;

const outputs = (dir: string) => ['sweep.csv', 'sweep-summary.csv', 'sweep.html'].map((f) => readFileSync(path.join(dir, f), 'utf8'));

describe('streamsim sweep', () => {
  it('finds the throttling knee of a 2-shard Kinesis stream (1,000 records/s per shard) between 1,800 and 2,100 records/s', async () => {
    const dir = withFiles({ 'knee.yaml': KNEE_SWEEP });
    const out = path.join(dir, 'out');
    const result = await runCli(['sweep', path.join(dir, 'knee.yaml'), '--out', out, '--workers', '2']);
    expect(result.stderr).not.toMatch(/failed: [1-9]/);
    expect(result.code).toBe(0);
    const knee = /throttling starts at ([\d,]+) records\/s/.exec(result.stdout);
    expect(knee, result.stdout).not.toBeNull();
    const at = Number(knee![1].replace(/,/g, ''));
    expect(at).toBeGreaterThanOrEqual(1800);
    expect(at).toBeLessThanOrEqual(2100);
    expect(result.stdout).toContain(`sweep.html: ${path.join(out, 'sweep.html')}`);
    // 12 runs, one Kinesis row each, columns as the issue names them.
    const csv = readFileSync(path.join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(13);
    expect(csv[0]).toMatch(/^runId,replication,seed,system,workload\.producers\[0\]\.rate,records\.offered,records\.accepted,records\.rejected,records\.lost,records\.offeredPerSec,records\.acceptedPerSec,throttled\.WriteProvisionedThroughputExceeded,.*cost\.perMonth,cost\.perGB,error$/);
  }, SLOW);

  it('gives the same sweep.csv with 1 worker, 2 workers, and as 3 separate tasks followed by collect', async () => {
    const dir = withFiles({ 'small.yaml': SMALL_SWEEP });
    const file = path.join(dir, 'small.yaml');
    const [one, two, split] = ['one', 'two', 'split'].map((d) => path.join(dir, d));
    expect((await runCli(['sweep', file, '--out', one, '--workers', '1'])).code).toBe(0);
    expect((await runCli(['sweep', file, '--out', two, '--workers', '2'])).code).toBe(0);
    expect((await runCli(['sweep', 'plan', file, '--out', split])).code).toBe(0);
    const tasks = await Promise.all([0, 1, 2].map((i) => runCli(['sweep', 'run', split, '--index', String(i), '--count', '3', '--workers', '1'])));
    expect(tasks.map((t) => t.code)).toEqual([0, 0, 0]);
    expect(tasks.map((t) => /task \d of 3 \(--index \d --count 3\): (\d) of 6 runs/.exec(t.stderr)?.[1])).toEqual(['2', '2', '2']);
    expect((await runCli(['sweep', 'collect', split])).code).toBe(0);

    const reference = outputs(one);
    expect(reference[0].trim().split('\n')).toHaveLength(1 + 6 * 2);
    expect(outputs(two)).toEqual(reference);
    expect(outputs(split)).toEqual(reference);
  }, SLOW);

  it('resumes a sweep killed midway: the runs already done are not run again, and the result equals an uninterrupted sweep', async () => {
    const dir = withFiles({ 'small.yaml': SMALL_SWEEP });
    const file = path.join(dir, 'small.yaml');
    const [whole, killed] = ['whole', 'killed'].map((d) => path.join(dir, d));
    expect((await runCli(['sweep', file, '--out', whole, '--workers', '2'])).code).toBe(0);

    expect((await runCli(['sweep', 'plan', file, '--out', killed])).code).toBe(0);
    const { child, done } = startCli(['sweep', 'run', killed, '--workers', '1']);
    while (summaries(killed).size < 2 && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await done;
    const before = summaries(killed);
    expect(before.size).toBeGreaterThanOrEqual(2);
    expect(before.size).toBeLessThan(6);

    const resumed = await runCli(['sweep', 'run', killed, '--workers', '2']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`ran ${6 - before.size} run(s)`);
    expect(resumed.stderr).toContain(`${before.size} already done`);
    const after = summaries(killed);
    expect(after.size).toBe(6);
    for (const [runId, mtime] of before) expect(after.get(runId)).toBe(mtime); // not written again
    expect((await runCli(['sweep', 'collect', killed])).code).toBe(0);
    expect(outputs(killed)).toEqual(outputs(whole));
  }, SLOW);

  it('records a run that fails with its error, goes on with the others, and exits with code 1', async () => {
    const dir = withFiles({ 'small.yaml': SMALL_SWEEP });
    const out = path.join(dir, 'out');
    expect((await runCli(['sweep', 'plan', path.join(dir, 'small.yaml'), '--out', out])).code).toBe(0);
    const plan = readFileSync(path.join(out, 'plan.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { runId: string });
    // A folder where the run's summary.json should go: the run cannot write its result.
    const blocked = plan[2].runId;
    mkdirSync(path.join(out, 'runs', blocked, 'summary.json', 'in-the-way'), { recursive: true });

    const result = await runCli(['sweep', 'run', out, '--workers', '2']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`run ${blocked} failed`);
    expect(summaries(out).size).toBe(5);
    const error = JSON.parse(readFileSync(path.join(out, 'runs', blocked, 'error.json'), 'utf8')) as { runId: string; error: string };
    expect(error.error).toMatch(/cannot write the outputs/);

    const collected = await runCli(['sweep', 'collect', out]);
    expect(collected.code).toBe(1);
    const rows = readFileSync(path.join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    const failedRows = rows.filter((r) => r.startsWith(blocked));
    expect(failedRows).toHaveLength(2); // one per system
    for (const row of failedRows) expect(row).toMatch(/,"?cannot write the outputs/);
    expect(rows.filter((r) => !r.startsWith(blocked) && r.endsWith(','))).toHaveLength(10); // the others have no error
  }, SLOW);

  it('a Kinesis run long enough to take its records from a feed worker thread gives, inside a sweep worker, the summary of streamsim run', async () => {
    // 40,000 records/s for 9 minutes: 21.6 million records, past the feed's threshold.
    const scenario = 'name: feed\nduration: 9m\nworkload:\n  producers:\n    - {name: clicks, rate: 40000/s, recordSize: 200B, keys: {count: 1000}}\nsystems:\n  kinesis: {shards: 4, producer: {client: kpl}}\n';
    expect(40_000 * 9 * 60).toBeGreaterThan(RecordFeed.minRecords);
    const dir = withFiles({ 'feed.yaml': `${scenario}sweep:\n  replications: 1\n`, 'plain.yaml': scenario });
    const out = path.join(dir, 'out');
    expect((await runCli(['sweep', 'feed.yaml', '--out', out, '--workers', '1'], {}, dir)).code).toBe(0);
    const [runId] = [...summaries(out).keys()];
    const plain = await runCli(['run', 'plain.yaml', '--json', '--no-report', '-q'], {}, dir);
    expect(JSON.parse(readFileSync(path.join(out, 'runs', runId, 'summary.json'), 'utf8'))).toEqual(JSON.parse(plain.stdout));
  }, SLOW);

  it('emits a batch job for each system, with the count of tasks and `sweep run DIR --index auto`', async () => {
    const dir = withFiles({ 'small.yaml': SMALL_SWEEP });
    const out = path.join(dir, 'out');
    expect((await runCli(['sweep', 'plan', path.join(dir, 'small.yaml'), '--out', out])).code).toBe(0);

    const k8s = await runCli(['sweep', 'emit', out, '--to', 'k8s', '--tasks', '3', '--parallelism', '2', '--image', 'me/streamsim:1', '--claim', 'sweeps']);
    expect(k8s.code).toBe(0);
    const job = parseYaml(k8s.stdout) as { kind: string; spec: { completionMode: string; completions: number; parallelism: number; template: { spec: { containers: { image: string; command: string[] }[]; volumes: { persistentVolumeClaim: { claimName: string } }[] } } } };
    expect(job.kind).toBe('Job');
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 3, parallelism: 2 });
    expect(job.spec.template.spec.containers[0].image).toBe('me/streamsim:1');
    expect(job.spec.template.spec.containers[0].command.join(' ')).toBe(`npx streamsim sweep run ${out} --index auto --count 3 --workers 1`);
    expect(job.spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe('sweeps');

    const aws = JSON.parse((await runCli(['sweep', 'emit', out, '--to', 'aws-batch', '--job-queue', 'q'])).stdout) as { jobQueue: string; arrayProperties: { size: number }; containerOverrides: { command: string[] } };
    expect(aws.jobQueue).toBe('q');
    expect(aws.arrayProperties.size).toBe(6); // one task per run by default
    expect(aws.containerOverrides.command.join(' ')).toContain('sweep run');
    expect(aws.containerOverrides.command.join(' ')).toContain('--index auto --count 6');

    const slurm = (await runCli(['sweep', 'emit', out, '--to', 'slurm', '--tasks', '4', '--parallelism', '2'])).stdout;
    expect(slurm).toMatch(/^#!\/bin\/bash/);
    expect(slurm).toContain('#SBATCH --array=0-3%2');
    expect(slurm).toContain(`sweep run ${out} --index auto --count 4`);

    const parallel = (await runCli(['sweep', 'emit', out, '--to', 'gnu-parallel', '--tasks', '3'])).stdout;
    expect(parallel).toContain(`seq 0 2 | parallel --jobs 3`);
    expect(parallel).toContain(`sweep run ${out} --index {} --count 3 --workers 1`);
    expect(parallel).toContain(`sweep collect ${out}`);
    expect(existsSync(path.join(out, 'runs'))).toBe(false); // nothing ran
  }, SLOW);

  it('--index auto takes the index from the batch system, says which, and runs that share', async () => {
    const dir = withFiles({ 'small.yaml': SMALL_SWEEP.replace('replications: 2', 'replications: 1') });
    const out = path.join(dir, 'out');
    expect((await runCli(['sweep', 'plan', path.join(dir, 'small.yaml'), '--out', out])).code).toBe(0);
    const slurm = await runCli(['sweep', 'run', out, '--index', 'auto', '--workers', '1'], { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '3' });
    expect(slurm.code).toBe(0);
    expect(slurm.stderr).toContain('task 2 of 3 (SLURM_ARRAY_TASK_ID=2, SLURM_ARRAY_TASK_COUNT=3): 1 of 3 runs');
    expect(summaries(out).size).toBe(1);
    const k8s = await runCli(['sweep', 'run', out, '--index', 'auto'], { JOB_COMPLETION_INDEX: '0' });
    expect(k8s.code).toBe(2);
    expect(k8s.stderr).toContain('JOB_COMPLETION_INDEX comes without a count: give --count N');
  }, SLOW);
});

describe('streamsim sweep on bad input', () => {
  const base = SMALL_SWEEP.replace(/vary:\n.*\n/, 'vary:\n    VARY\n');
  const cases: [string, string, RegExp][] = [
    ['an unknown path', 'workload.producers[0].rat: [1/s, 2/s]', /^bad\.yaml:15:5: workload\.producers\.0\.rat: unknown key "rat" in workload\.producers\[0\]\.rat: did you mean workload\.producers\[0\]\.rate\?$/m],
    ['an inverted range', 'workload.producers.0.rate: {from: 2000/s, to: 500/s, steps: 4}', /^bad\.yaml:15:51: sweep\.vary\.workload\.producers\.0\.rate\.to: must be greater than from \(2000\/s\)/m],
    ['an empty range', 'workload.producers.0.rate: {from: 500/s, to: 500/s, steps: 4}', /^bad\.yaml:15:50: sweep\.vary\.workload\.producers\.0\.rate\.to: the range is empty/m],
    ['fewer than 2 steps', 'workload.producers.0.rate: {from: 500/s, to: 900/s, steps: 1}', /^bad\.yaml:15:64: sweep\.vary\.workload\.producers\.0\.rate\.steps: must be at least 2/m],
    ['a value of the wrong unit', 'systems.kinesis.shards: {from: 1MB/s, to: 4MB/s, steps: 3}', /^bad\.yaml:15:29: systems\.kinesis\.shards: expected a number, not "1000000B\/s" \(from sweep\.vary systems\.kinesis\.shards: 1000000B\/s\)$/m],
    ['a range whose ends differ in unit', 'workload.producers.0.rate: {from: 500/s, to: 4MB/s, steps: 3}', /sweep\.vary\.workload\.producers\.0\.rate\.to: must be in the unit of from: 500\/s is records per second, 4MB\/s is bytes per second/],
    ['a point that is not a valid scenario', 'systems.kinesis.shards: [2, 0]', /^bad\.yaml:15:33: systems\.kinesis\.shards: must be greater than 0 \(from sweep\.vary systems\.kinesis\.shards: 0\)$/m],
  ];
  for (const [what, vary, message] of cases) {
    it(`${what}: file:line:col, exit code 2, nothing written`, async () => {
      const dir = withFiles({ 'bad.yaml': base.replace('VARY', vary) });
      const out = path.join(dir, 'out');
      const result = await runCli(['sweep', 'bad.yaml', '--out', out, '--workers', '1'], {}, dir);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(result.code).toBe(2);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('a sweep of more than 10,000 runs is refused unless --yes', async () => {
    const dir = withFiles({ 'big.yaml': base.replace('VARY', 'workload.producers.0.rate: {from: 1/s, to: 100000/s, steps: 10001}') });
    const result = await runCli(['sweep', 'plan', 'big.yaml', '--dry-run'], {}, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^big\.yaml:11:1: sweep: plans 20,002 runs, more than 10,000: give --yes/m);
  });

  it('`sweep run` on a folder that is not a sweep folder says how to make one', async () => {
    const result = await runCli(['sweep', 'run', tempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not a sweep folder .*streamsim sweep plan FILE --out/);
  });

  it('run and validate read a sweep file too: run runs its base scenario, validate checks every point', async () => {
    const dir = withFiles({ 'bad.yaml': base.replace('VARY', 'systems.kinesis.shards: [2, 0]'), 'good.yaml': SMALL_SWEEP });
    const invalid = await runCli(['validate', 'bad.yaml'], {}, dir);
    expect(invalid.code).toBe(2);
    expect(invalid.stdout).toContain('bad.yaml:15:33: systems.kinesis.shards: must be greater than 0');
    const valid = await runCli(['validate', 'good.yaml'], {}, dir);
    expect(valid.stdout).toContain('good.yaml: valid (a sweep of 6 runs: 3 points × 2 replications)');
    writeFileSync(path.join(dir, 'short.yaml'), SMALL_SWEEP.replace('duration: 10s', 'duration: 2s'));
    const run = await runCli(['run', 'short.yaml', '--out', 'run', '--no-report', '-q'], {}, dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('note: short.yaml has a sweep: section; this runs its scenario as written (streamsim sweep short.yaml runs the sweep)');
  });
});
