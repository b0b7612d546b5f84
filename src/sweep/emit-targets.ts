/** The batch systems `sweep emit` writes a job definition for. */
export const EMIT_TARGETS = ['k8s', 'aws-batch', 'slurm', 'gnu-parallel'] as const;
export type EmitTarget = (typeof EMIT_TARGETS)[number];
