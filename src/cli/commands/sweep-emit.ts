import path from 'node:path';
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { EMIT_TARGETS } from '../../sweep/emit-targets.ts';
import { positiveWhole } from './sweep.ts';

/** Tasks by default: one per run, at most this many (each task pays for starting a process or a pod). */
const DEFAULT_MAX_TASKS = 100;

export function addSweepEmitCommand<Args extends unknown[], Opts extends OptionValues>(sweep: Command<Args, Opts>): void {
  sweep
    .command('emit')
    .description('print a ready-to-submit batch job that runs a planned sweep (nothing is submitted)')
    .argument('<dir>', 'sweep folder (from sweep plan), as the tasks will see it')
    .addOption(new Option('--to <system>', 'batch system').choices(EMIT_TARGETS).makeOptionMandatory())
    .option('--tasks <n>', `number of tasks (default: one per run, at most ${DEFAULT_MAX_TASKS})`, positiveWhole)
    .option('--parallelism <n>', 'tasks running at once (default 10)', positiveWhole, 10)
    .option('--cpus <n>', 'CPUs and worker threads per task (default 1)', positiveWhole, 1)
    .option('--command <cmd>', 'how a task calls streamsim', 'npx streamsim')
    .option('--image <image>', 'container image with streamsim (k8s, aws-batch)', 'streamsim:latest')
    .option('--claim <name>', 'PersistentVolumeClaim holding the sweep folder (k8s)', 'streamsim-sweeps')
    .option('--job-queue <name>', 'AWS Batch job queue', 'streamsim')
    .option('--job-definition <name>', 'AWS Batch job definition (mounting the shared file system at DIR)', 'streamsim')
    .addHelpText(
      'after',
      `
The folder must be where the tasks see it (a volume, a shared file system).
After the tasks finish: streamsim sweep collect DIR.

Examples:
  streamsim sweep emit /sweeps/load --to k8s --parallelism 20 > job.yaml && kubectl apply -f job.yaml
  streamsim sweep emit "$PWD/reports/load-sweep" --to gnu-parallel | bash`,
    )
    .action(async (dir, opts) => {
      const { readPlan, emitJob } = await import('../../sweep/index.ts');
      const plan = readPlan(dir, { onWarning: () => {} });
      const tasks = opts.tasks ?? Math.min(DEFAULT_MAX_TASKS, plan.runs.length);
      process.stdout.write(
        emitJob(opts.to, {
          name: plan.points[0].scenario.name,
          dir: opts.to === 'slurm' || opts.to === 'gnu-parallel' ? path.resolve(dir) : dir,
          runs: plan.runs.length,
          tasks,
          parallelism: opts.parallelism,
          cpus: opts.cpus,
          command: opts.command,
          image: opts.image,
          claim: opts.claim,
          jobQueue: opts.jobQueue,
          jobDefinition: opts.jobDefinition,
        }),
      );
    });
}
