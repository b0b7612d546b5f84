import path from 'node:path';
import { InvalidArgumentError, type Command } from '@commander-js/extra-typings';
import { formatProblem } from '../../scenario/problem.ts';
import { defaultOutputDir } from '../../output/write.ts';
import { writeFilesInFolder } from '../../output/shared-folder.ts';
import type { SweepPlan } from '../../sweep/plan.ts';
import { BatchShareError, checkShare, shareFromEnvironment, type BatchShare } from '../../sweep/batch-index.ts';
import { countProgressLine } from '../progress.ts';
import { EXIT, ExitWith } from '../exit-codes.ts';
import { addSweepEmitCommand } from './sweep-emit.ts';

type SweepFormat = 'html' | 'md';

/** The sweep library, loaded when a sweep command runs rather than when the CLI starts (so `--help` answers at once). */
let lib: typeof import('../../sweep/index.ts');
const loadLib = async () => (lib ??= await import('../../sweep/index.ts'));

export function positiveWhole(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new InvalidArgumentError('expected a whole number, 1 or more');
  return Number(text);
}

function sweepFormats(text: string): SweepFormat[] {
  const names = text.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((n) => n !== 'html' && n !== 'md');
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown format ${unknown.join(', ')}: choose md (sweep.html is always written)`);
  return names.includes('md') ? ['html', 'md'] : ['html'];
}

const warn = (w: Parameters<typeof formatProblem>[0]) => process.stderr.write(`${formatProblem(w)}\n`);

/** The plan of a sweep file (bad input throws ScenarioError: exit 2, nothing written). */
function planFile(file: string, yes: boolean | undefined): SweepPlan {
  return lib.planSweep(lib.loadSweepFile(file), { yes, onWarning: warn });
}

const defaultSweepDir = (plan: SweepPlan) => defaultOutputDir(`${plan.points[0].scenario.name}-sweep`);

export function describePlan(plan: SweepPlan): string {
  const points = plan.points.length;
  const r = plan.definition.replications;
  return `${points} point${points === 1 ? '' : 's'} × ${r} replication${r === 1 ? '' : 's'} = ${plan.runs.length} run${plan.runs.length === 1 ? '' : 's'}`;
}

/** Runs runs of a plan with a bar over them; returns the ids that failed. */
async function runWithProgress(dir: string, plan: SweepPlan, share: BatchShare | undefined, workers: number, quiet: boolean): Promise<string[]> {
  const runs = share ? lib.runsOfShare(plan, share.index, share.count) : plan.runs;
  const bar = countProgressLine(plan.points[0].scenario.name, runs.length, 'runs', !quiet);
  let outcome;
  try {
    outcome = await lib.runSweepRuns(dir, plan, runs, { workers, onRunDone: (done) => bar.update(done) });
  } finally {
    bar.stop();
  }
  process.stderr.write(`ran ${outcome.ran} run(s) on ${Math.min(workers, Math.max(1, outcome.ran))} worker(s); ${outcome.skipped} already done; ${outcome.failed.length} failed\n`);
  for (const runId of outcome.failed) process.stderr.write(`run ${runId} failed: see ${path.join(dir, 'runs', runId, 'error.json')}\n`);
  return outcome.failed;
}

/** Collects, writes the outputs, prints the knees and where the outputs are; true if every run has its summary. */
async function collectAndReport(dir: string, plan: SweepPlan, formats: SweepFormat[]): Promise<boolean> {
  const collected = lib.collectSweep(dir, plan);
  const written = writeFilesInFolder(dir, await lib.sweepOutputs(collected, formats));
  for (const knee of collected.result.knees) process.stdout.write(`${knee.text}\n`);
  if (collected.result.knees.length > 0) process.stdout.write('\n');
  for (const file of written) process.stdout.write(`${path.basename(file)}: ${file}\n`);
  if (collected.incomplete.length > 0) {
    process.stderr.write(`${collected.incomplete.length} of ${plan.runs.length} runs failed or have not run (column "error" of sweep.csv):\n`);
    for (const { runId, error } of collected.incomplete.slice(0, 10)) process.stderr.write(`  ${runId}: ${error}\n`);
  }
  return collected.incomplete.length === 0;
}

export function addSweepCommand(program: Command): void {
  const sweep = program
    .command('sweep')
    .description('run a scenario across loads and configurations; report curves and each system\'s knee')
    .argument('[file]', 'sweep file: a scenario with a sweep: section (plan, run and collect in one go)')
    .option('-o, --out <dir>', 'sweep folder (default reports/<name>-sweep)')
    .option('--workers <n>', 'worker threads (default: the machine\'s available parallelism)', positiveWhole)
    .option('--format <formats>', 'also write sweep.md (md)', sweepFormats, ['html'] as SweepFormat[])
    .option('--yes', 'plan more than 10,000 runs')
    .option('-q, --quiet', 'no progress bar')
    // The subcommands have options of the same names: those after a subcommand are the subcommand's.
    .enablePositionalOptions()
    .addHelpText(
      'after',
      `
A sweep file is a scenario plus a sweep: section (docs/sweeps.md):
  sweep:
    seed: 7
    replications: 3
    vary:
      workload.producers[0].rate: {from: 500/s, to: 8000/s, steps: 16, scale: log}
      systems.kinesis.shards: [2, 4, 8]
    combine: grid            # or zip
    knee: {p99LatencyMs: 2000, acceptedShare: 0.99}

The folder gets plan.jsonl, runs/<runId>/summary.json, sweep.csv,
sweep-summary.csv and sweep.html. A run whose summary exists is not run again,
so an interrupted sweep resumes where it stopped. Exit code 1 if a run failed.

Examples:
  streamsim sweep scenarios/sweeps/clickstream-load.yaml
  streamsim sweep plan my-sweep.yaml --out /shared/sweep && streamsim sweep emit /shared/sweep --to k8s
  streamsim sweep run /shared/sweep --index auto --count 8
  streamsim sweep collect /shared/sweep --format md`,
    )
    .action(async (file, opts, command) => {
      await loadLib();
      if (file === undefined) return command.help({ error: true });
      const plan = planFile(file, opts.yes);
      const dir = opts.out ?? defaultSweepDir(plan);
      const workers = opts.workers ?? lib.defaultWorkers();
      lib.writePlan(dir, plan);
      process.stderr.write(`sweep ${plan.points[0].scenario.name}: ${describePlan(plan)}, in ${dir}\n`);
      const failed = await runWithProgress(dir, plan, undefined, workers, opts.quiet ?? false);
      const complete = await collectAndReport(dir, plan, opts.format);
      if (failed.length > 0 || !complete) throw new ExitWith(EXIT.FAILED);
    });

  sweep
    .command('plan')
    .description('write DIR/plan.jsonl (one line per run) and a copy of the sweep file')
    .argument('<file>', 'sweep file')
    .option('-o, --out <dir>', 'sweep folder (default reports/<name>-sweep)')
    .option('--dry-run', 'print the number of runs and the first lines of the plan; write nothing')
    .option('--yes', 'plan more than 10,000 runs')
    .action(async (file, opts) => {
      await loadLib();
      const plan = planFile(file, opts.yes);
      if (opts.dryRun) {
        process.stdout.write(`${describePlan(plan)}\n`);
        process.stdout.write(lib.planJsonl(plan).split('\n').slice(0, 10).join('\n') + '\n');
        return;
      }
      const dir = opts.out ?? defaultSweepDir(plan);
      const written = lib.writePlan(dir, plan);
      process.stdout.write(`plan: ${written[1]} (${describePlan(plan)})\n`);
    });

  sweep
    .command('run')
    .description('run a share of a planned sweep (all of it by default); runs already done are skipped')
    .argument('<dir>', 'sweep folder (from sweep plan)')
    .option('--index <i>', 'this task\'s index (0-based), or auto: from the batch system\'s environment')
    .option('--count <n>', 'number of tasks the runs are split into', positiveWhole)
    .option('--workers <n>', 'worker threads (default: the machine\'s available parallelism)', positiveWhole)
    .option('-q, --quiet', 'no progress bar')
    .addHelpText(
      'after',
      `
Task I of N runs every N-th run of the plan from run I. --index auto reads
JOB_COMPLETION_INDEX (Kubernetes), AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch),
SLURM_ARRAY_TASK_ID (Slurm) or BATCH_TASK_INDEX (Google Cloud Batch); the count
comes from --count, or from SLURM_ARRAY_TASK_COUNT / BATCH_TASK_COUNT.`,
    )
    .action(async (dir, opts) => {
      await loadLib();
      const share = shareOf(opts.index, opts.count);
      const plan = lib.readPlan(dir, { onWarning: () => {} });
      if (share) process.stderr.write(`task ${share.index} of ${share.count} (${share.source}): ${lib.runsOfShare(plan, share.index, share.count).length} of ${plan.runs.length} runs\n`);
      const failed = await runWithProgress(dir, plan, share, opts.workers ?? lib.defaultWorkers(), opts.quiet ?? false);
      if (failed.length > 0) throw new ExitWith(EXIT.FAILED);
    });

  sweep
    .command('collect')
    .description('merge the runs of a sweep folder into sweep.csv, sweep-summary.csv and sweep.html')
    .argument('<dir>', 'sweep folder')
    .option('--format <formats>', 'also write sweep.md (md)', sweepFormats, ['html'] as SweepFormat[])
    .action(async (dir, opts) => {
      await loadLib();
      const plan = lib.readPlan(dir, { onWarning: () => {} });
      if (!(await collectAndReport(dir, plan, opts.format))) throw new ExitWith(EXIT.FAILED);
    });

  addSweepEmitCommand(sweep);
}

function shareOf(index: string | undefined, count: number | undefined): BatchShare | undefined {
  if (index === undefined) {
    if (count !== undefined) throw new BatchShareError('--count needs --index I (or --index auto)');
    return undefined;
  }
  if (index.trim() === 'auto') return shareFromEnvironment(process.env, count);
  if (!/^\d+$/.test(index.trim())) throw new BatchShareError('--index: expected a whole number (0-based) or auto');
  if (count === undefined) throw new BatchShareError('--index I needs --count N');
  return checkShare(Number(index), count, `--index ${index} --count ${count}`);
}
