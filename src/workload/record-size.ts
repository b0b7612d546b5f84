import { constant, lognormal, uniform, type Distribution } from '../engine/distributions.ts';
import { MAX_RECORD_BYTES } from '../scenario/limits.ts';
import type { RecordSizeSpec } from '../scenario/workload-schema.ts';

export function recordSizeDistribution(spec: RecordSizeSpec): Distribution {
  if (typeof spec === 'number') return constant(spec);
  switch (spec.dist) {
    case 'fixed':
      return constant(spec.size);
    case 'lognormal':
      return lognormal(spec.median, spec.p99);
    case 'uniform':
      return uniform(spec.min, spec.max);
  }
}

export function meanRecordSize(spec: RecordSizeSpec): number {
  return recordSizeDistribution(spec).mean;
}

/**
 * The size every record has when the spec is a fixed size (whole bytes, at least one, as `pull`
 * rounds a draw), or 0 when sizes are drawn. A fixed size consumes no random numbers.
 */
export function fixedRecordSize(spec: RecordSizeSpec): number {
  const size = typeof spec === 'number' ? spec : spec.dist === 'fixed' ? spec.size : 0;
  return size > 0 ? Math.min(MAX_RECORD_BYTES, Math.max(1, Math.round(size))) : 0;
}
