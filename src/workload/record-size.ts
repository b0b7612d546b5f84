import { constant, lognormal, uniform, type Distribution } from '../engine/distributions.ts';
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
