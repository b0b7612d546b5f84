/**
 * Which share of a sweep a batch task runs. Each batch system tells a task its index in its own
 * environment variable (0-based unless said otherwise):
 * - Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX (kubernetes.io, "Indexed Job for parallel processing with static work assignment")
 * - AWS Batch array jobs: AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch user guide, "Array jobs")
 * - Slurm job arrays: SLURM_ARRAY_TASK_ID, from SLURM_ARRAY_TASK_MIN, with SLURM_ARRAY_TASK_COUNT (sbatch manual, "OUTPUT ENVIRONMENT VARIABLES")
 * - Google Cloud Batch: BATCH_TASK_INDEX and BATCH_TASK_COUNT (Cloud Batch docs, "Predefined environment variables")
 */
export interface BatchShare {
  index: number;
  count: number;
  /** Where the index came from, for the message that says so. */
  source: string;
}

interface IndexSource {
  index: string;
  count?: string;
  /** The first index of the array, when the system lets it start elsewhere than 0. */
  first?: string;
}

export const INDEX_SOURCES: IndexSource[] = [
  { index: 'JOB_COMPLETION_INDEX' },
  { index: 'AWS_BATCH_JOB_ARRAY_INDEX' },
  { index: 'SLURM_ARRAY_TASK_ID', count: 'SLURM_ARRAY_TASK_COUNT', first: 'SLURM_ARRAY_TASK_MIN' },
  { index: 'BATCH_TASK_INDEX', count: 'BATCH_TASK_COUNT' },
];

/** A share that cannot be worked out (a usage error: exit 2). */
export class BatchShareError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchShareError';
  }
}

const wholeNumber = (text: string | undefined): number | undefined => (text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : undefined);

/** `--index auto`: the index from the first batch variable set, the count from `--count` or from the environment. */
export function shareFromEnvironment(env: NodeJS.ProcessEnv, count?: number): BatchShare {
  const found = INDEX_SOURCES.find((s) => env[s.index] !== undefined && env[s.index] !== '');
  if (!found) throw new BatchShareError(`--index auto: none of ${INDEX_SOURCES.map((s) => s.index).join(', ')} is set; give --index I --count N`);
  const raw = wholeNumber(env[found.index]);
  if (raw === undefined) throw new BatchShareError(`--index auto: ${found.index}=${env[found.index]} is not a whole number`);
  const first = found.first ? (wholeNumber(env[found.first]) ?? 0) : 0;
  const total = count ?? (found.count ? wholeNumber(env[found.count]) : undefined);
  if (total === undefined) throw new BatchShareError(`--index auto: ${found.index} comes without a count: give --count N (the number of tasks)`);
  const source = `${found.index}=${raw}${first ? ` (from ${found.first}=${first})` : ''}${count === undefined && found.count ? `, ${found.count}=${total}` : ''}`;
  return checkShare(raw - first, total, source);
}

export function checkShare(index: number, count: number, source: string): BatchShare {
  if (!(count >= 1)) throw new BatchShareError(`the count of tasks must be at least 1 (${source})`);
  if (!(index >= 0 && index < count)) throw new BatchShareError(`index ${index} is outside 0..${count - 1} (${source})`);
  return { index, count, source };
}
