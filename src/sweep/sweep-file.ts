import { z } from 'zod';
import { isSeq } from 'yaml';
import { parseScenarioSource, locateInSource, nodeAt, readScenarioText, SWEEP_KEY, type Override, type ScenarioSource } from '../scenario/load.ts';
import { ScenarioError, type Problem } from '../scenario/problem.ts';
import { issueProblems } from '../scenario/issues.ts';
import { EXPECTED, expected } from '../scenario/messages.ts';
import { positiveInt } from '../scenario/types.ts';
import { expandList, expandRange, type AxisExpansion } from './axis-values.ts';
import type { KneeThresholds, SweepAxis } from './sweep-result.ts';

const SEED = expected(EXPECTED.seed);
const VARY = expected('a list of values, e.g. [2, 4, 8], or a range {from, to, steps, scale: linear | log}');

const rangeSchema = z.strictObject({
  from: z.union([z.number(), z.string()], { error: expected('a number or a value with a unit, such as 500/s, 1MB/s, 2KB or 5m') }),
  to: z.union([z.number(), z.string()], { error: expected('a number or a value with a unit, such as 500/s, 1MB/s, 2KB or 5m') }),
  steps: z.int({ error: expected('a whole number of values, at least 2') }).min(2, { error: 'must be at least 2 (the two ends of the range); for one value, use a list' }),
  scale: z.enum(['linear', 'log']).default('linear'),
});

/** The `sweep:` section of a sweep file (docs/sweeps.md). */
export const sweepSectionSchema = z.strictObject({
  seed: z.union([z.int({ error: SEED }).nonnegative({ error: SEED }), z.string().min(1, { error: SEED })], { error: SEED }).optional(),
  replications: positiveInt.max(1000).default(1),
  vary: z.record(z.string(), z.union([z.array(z.unknown()).min(1, { error: 'needs at least one value' }), rangeSchema], { error: VARY })).default({}),
  combine: z.enum(['grid', 'zip']).default('grid'),
  knee: z
    .strictObject({
      p99LatencyMs: z.number().positive().optional(),
      acceptedShare: z.number().gt(0).max(1).optional(),
    })
    .optional(),
});

export type SweepSection = z.output<typeof sweepSectionSchema>;

/** One varied path: its values, and for each the override that sets it (located at the vary entry). */
export interface VariedPath extends SweepAxis {
  overrides: Override[];
}

/** A sweep file read and checked: the scenario as written, and how the sweep varies it. */
export interface SweepDefinition {
  file: string;
  /** The file's text, copied into the sweep folder so that `sweep run DIR` needs nothing else. */
  text: string;
  source: ScenarioSource;
  /** The sweep's seed; undefined means the scenario's own seed. */
  seed?: number | string;
  replications: number;
  combine: 'grid' | 'zip';
  knee?: KneeThresholds;
  axes: VariedPath[];
}

export function loadSweepFile(file: string): SweepDefinition {
  return parseSweep(readScenarioText(file), file);
}

/** Reads the `sweep:` section (absent: a sweep of one point, the scenario itself); throws ScenarioError with every problem. */
export function parseSweep(text: string, file: string): SweepDefinition {
  const source = parseScenarioSource(text, file);
  const raw: unknown = source.doc.toJS({ maxAliasCount: 100 })?.[SWEEP_KEY] ?? {};
  const parsed = sweepSectionSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => issueProblems(issue, { [SWEEP_KEY]: raw }, z.object({ [SWEEP_KEY]: sweepSectionSchema }), [SWEEP_KEY]));
    throw new ScenarioError(problems.map((p) => locateInSource(source, p)));
  }
  const section = parsed.data;
  const problems: Problem[] = [];
  const axes: VariedPath[] = [];
  for (const [path, spec] of Object.entries(section.vary)) {
    const at = [SWEEP_KEY, 'vary', path];
    const report = (message: string, sub?: string) => problems.push(locateInSource(source, { path: sub === undefined ? at : [...at, sub], message, atKey: sub === undefined }));
    const dotted = dottedPath(path);
    if (!dotted) {
      report('expected a scenario path such as workload.producers[0].rate or systems.kinesis.shards');
      continue;
    }
    if (dotted === 'seed' || dotted === 'name') {
      report(dotted === 'seed' ? 'the seed is set by the sweep (sweep.seed and sweep.replications), not varied' : 'every point keeps the scenario name');
      continue;
    }
    const expansion: AxisExpansion = Array.isArray(spec) ? expandList(spec) : expandRange(spec);
    if ('problems' in expansion) {
      for (const p of expansion.problems) report(p.message, p.at);
      continue;
    }
    const node = nodeAt(source, at);
    axes.push({
      path,
      scale: expansion.scale,
      values: expansion.values.map((v) => v.label),
      ...(expansion.unit ? { unit: expansion.unit } : {}),
      overrides: expansion.values.map((v, i) => ({
        path: dotted,
        value: v.text,
        label: `${SWEEP_KEY}.vary ${path}: ${v.text}`,
        at: isSeq(node) ? [...at, i] : at,
      })),
    });
  }
  if (section.combine === 'zip' && axes.length > 1) {
    const length = axes[0].values.length;
    for (const axis of axes.slice(1)) {
      if (axis.values.length !== length) {
        problems.push(locateInSource(source, { path: [SWEEP_KEY, 'vary', axis.path], atKey: true, message: `has ${axis.values.length} values but ${axes[0].path} has ${length}: with combine: zip, every path needs as many values` }));
      }
    }
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return {
    file,
    text,
    source,
    ...(section.seed !== undefined ? { seed: section.seed } : {}),
    replications: section.replications,
    combine: section.combine,
    ...(section.knee ? { knee: section.knee } : {}),
    axes,
  };
}

/** `workload.producers[0].rate` or `workload.producers.0.rate` as the dotted path of --set; undefined if malformed. */
export function dottedPath(path: string): string | undefined {
  const dotted = path.trim().replace(/\[(\d+)\]/g, '.$1');
  return /^[A-Za-z_$][\w$-]*(\.[\w$-]+)*$/.test(dotted) ? dotted : undefined;
}
