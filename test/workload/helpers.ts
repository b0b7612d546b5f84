import { RandomStreams } from '../../src/engine/random.ts';
import { producerSchema } from '../../src/scenario/workload-schema.ts';
import { RecordSource } from '../../src/workload/record-source.ts';

export const SECOND = 1e6;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** A record source from a producer written as in a scenario file. */
export function source(spec: Record<string, unknown>, seed: number | string = 1): RecordSource {
  return new RecordSource(producerSchema.parse({ name: 'p', ...spec }), new RandomStreams(seed), 0);
}

/** Records created in each of the intervals ending at `ends` (pulling at each end). */
export function countsUntil(src: RecordSource, ends: number[]): number[] {
  return ends.map((end) => src.pull(end));
}

/** Pulls every `step` up to `until`, keeping copies of every record. */
export function collect(src: RecordSource, step: number, until: number) {
  const times: number[] = [];
  const keys: number[] = [];
  const sizes: number[] = [];
  for (let t = step; t <= until; t += step) {
    const n = src.pull(t);
    for (let i = 0; i < n; i++) {
      times.push(src.times[i]);
      keys.push(src.keys[i]);
      sizes.push(src.sizes[i]);
    }
  }
  return { times, keys, sizes };
}

export const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
export const mean = (xs: number[]) => sum(xs) / xs.length;
export const variance = (xs: number[]) => {
  const m = mean(xs);
  return sum(xs.map((x) => (x - m) ** 2)) / (xs.length - 1);
};
