import { stringify } from 'yaml';

/**
 * Ready-to-submit job definitions that run a sweep folder's share of runs on a batch system, each
 * task as `streamsim sweep run DIR --index auto --count N`. Nothing is submitted: the user reviews
 * the definition and submits it with the system's own tool.
 */
import type { EmitTarget } from './emit-targets.ts';

export { EMIT_TARGETS, type EmitTarget } from './emit-targets.ts';

export interface EmitOptions {
  /** The sweep's name (names the job). */
  name: string;
  /** The sweep folder as the tasks see it (a shared volume or file system). */
  dir: string;
  /** Runs in the plan. */
  runs: number;
  /** Tasks to split the runs into (each runs every tasks-th run). */
  tasks: number;
  /** Tasks running at once. */
  parallelism: number;
  /** Worker threads (and CPUs) per task. */
  cpus: number;
  /** How a task calls streamsim, e.g. `npx streamsim` or `streamsim`. */
  command: string;
  /** Container image with streamsim (k8s, AWS Batch). */
  image: string;
  /** PersistentVolumeClaim that holds the sweep folder (k8s), mounted at `dir`. */
  claim: string;
  /** AWS Batch job queue and job definition (the definition mounts the shared file system at `dir`). */
  jobQueue: string;
  jobDefinition: string;
}

/** The task count a target accepts: AWS Batch arrays have 2 to 10,000 children (AWS Batch user guide, "Array jobs"). */
export function tasksFor(target: EmitTarget, tasks: number): number {
  return target === 'aws-batch' ? Math.min(10_000, Math.max(2, tasks)) : Math.max(1, tasks);
}

export function emitJob(target: EmitTarget, options: EmitOptions): string {
  const o = { ...options, tasks: tasksFor(target, options.tasks) };
  switch (target) {
    case 'k8s':
      return kubernetesJob(o);
    case 'aws-batch':
      return awsBatchJob(o);
    case 'slurm':
      return slurmScript(o);
    case 'gnu-parallel':
      return gnuParallel(o);
  }
}

const jobName = (name: string) =>
  `${name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50) || 'streamsim'}-sweep`;

const runArgs = (o: EmitOptions, index: string) => ['sweep', 'run', o.dir, '--index', index, '--count', String(o.tasks), '--workers', String(o.cpus)];

const shellQuote = (word: string) => (/^[\w@%+=:,./{}-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** A Kubernetes Indexed Job (batch/v1, completionMode: Indexed): each pod gets JOB_COMPLETION_INDEX; a failed pod is retried with the same index. */
function kubernetesJob(o: EmitOptions): string {
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: jobName(o.name) },
    spec: {
      completionMode: 'Indexed',
      completions: o.tasks,
      parallelism: Math.min(o.parallelism, o.tasks),
      backoffLimit: Math.max(6, o.tasks),
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'sweep',
              image: o.image,
              command: [...o.command.split(/\s+/), ...runArgs(o, 'auto')],
              resources: { requests: { cpu: String(o.cpus) }, limits: { cpu: String(o.cpus) } },
              volumeMounts: [{ name: 'sweep', mountPath: o.dir }],
            },
          ],
          volumes: [{ name: 'sweep', persistentVolumeClaim: { claimName: o.claim } }],
        },
      },
    },
  };
  return `# ${o.runs} runs in ${o.tasks} tasks, ${job.spec.parallelism} at a time. Submit: kubectl apply -f job.yaml\n${stringify(job)}`;
}

/** Input of `aws batch submit-job --cli-input-json file://job.json`: an array job whose children get AWS_BATCH_JOB_ARRAY_INDEX. */
function awsBatchJob(o: EmitOptions): string {
  const job = {
    jobName: jobName(o.name),
    jobQueue: o.jobQueue,
    jobDefinition: o.jobDefinition,
    arrayProperties: { size: o.tasks },
    containerOverrides: {
      command: [...o.command.split(/\s+/), ...runArgs(o, 'auto')],
      resourceRequirements: [{ type: 'VCPU', value: String(o.cpus) }],
    },
  };
  return JSON.stringify(job, null, 2) + '\n';
}

/** An sbatch script for a Slurm job array (`--array=0-N%P`): each task gets SLURM_ARRAY_TASK_ID. */
function slurmScript(o: EmitOptions): string {
  return [
    '#!/bin/bash',
    `# ${o.runs} runs in ${o.tasks} tasks, ${Math.min(o.parallelism, o.tasks)} at a time. Submit: sbatch sweep.sbatch`,
    `#SBATCH --job-name=${jobName(o.name)}`,
    `#SBATCH --array=0-${o.tasks - 1}%${Math.min(o.parallelism, o.tasks)}`,
    `#SBATCH --cpus-per-task=${o.cpus}`,
    '#SBATCH --ntasks=1',
    `#SBATCH --output=${o.dir}/slurm-%A_%a.out`,
    'set -euo pipefail',
    [...o.command.split(/\s+/), ...runArgs(o, 'auto')].map(shellQuote).join(' '),
    '',
  ].join('\n');
}

/** A GNU parallel command line: one job per task index; --joblog with --resume skips the tasks that finished. */
function gnuParallel(o: EmitOptions): string {
  const run = [...o.command.split(/\s+/), ...runArgs(o, '{}')].map(shellQuote).join(' ');
  return [
    `# ${o.runs} runs in ${o.tasks} tasks, ${Math.min(o.parallelism, o.tasks)} at a time (add --sshloginfile FILE to spread them over hosts that share ${o.dir})`,
    `seq 0 ${o.tasks - 1} | parallel --jobs ${Math.min(o.parallelism, o.tasks)} --joblog ${shellQuote(`${o.dir}/parallel.log`)} --resume ${run}`,
    [...o.command.split(/\s+/), 'sweep', 'collect', o.dir].map(shellQuote).join(' '),
    '',
  ].join('\n');
}
