import type { z } from 'zod';
import { SYSTEM_NAMES, scenarioSchema, type Scenario } from './schema.ts';
import { producerSchema, consumerSchema, type ProducerSpec } from './workload-schema.ts';
import { timelineEntrySchema } from './timeline-schema.ts';
import { checkParts, checkScenario, type ScenarioParts } from './check.ts';
import { issueProblems } from './issues.ts';
import type { PathProblem } from './problem.ts';
import { EXPECTED, expected } from './messages.ts';

export interface Validation {
  /** The scenario with defaults filled in, when there is no error (there may be warnings). */
  scenario?: Scenario;
  problems: PathProblem[];
}

/**
 * Validates a scenario given as plain data (parsed YAML or JSON): the schema, then the checks that
 * look at several fields. When the schema fails, the checks still run on the parts that parsed, so
 * every problem is reported at once.
 */
export function validateScenario(raw: unknown): Validation {
  const reserved = reservedNameProblems(raw);
  const parsed = scenarioSchema.safeParse(raw);
  if (parsed.success) {
    const problems = [...reserved, ...checkScenario(parsed.data)];
    return problems.some((p) => p.severity !== 'warning') ? { problems } : { scenario: parsed.data, problems };
  }
  const problems = [...reserved, ...parsed.error.issues.flatMap((issue) => issueProblems(issue, raw, scenarioSchema))];
  problems.push(...checkParts(partsThatParse(raw)));
  return { problems };
}

/**
 * Settings keyed by an application's name (`systems.<system>.consumers`) under the key `__proto__`:
 * zod's records skip that key without a word, so it is refused here, as the name itself is.
 */
function reservedNameProblems(raw: unknown): PathProblem[] {
  const systems = isMapping(raw) && isMapping(raw.systems) ? raw.systems : {};
  return SYSTEM_NAMES.filter((name) => {
    const system = systems[name];
    return isMapping(system) && isMapping(system.consumers) && Object.hasOwn(system.consumers, '__proto__');
  }).map((name) => ({ path: ['systems', name, 'consumers', '__proto__'], message: expected(EXPECTED.reservedName), atKey: true }));
}

const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function parseOne<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

/** A producer field by field, so that the checks of its valid fields still run. */
function producerFields(raw: unknown): Partial<ProducerSpec> | undefined {
  const whole = producerSchema.safeParse(raw);
  if (whole.success) return whole.data;
  if (!isMapping(raw)) return undefined;
  const shape = producerSchema.shape;
  return {
    name: parseOne(shape.name, raw.name),
    rate: parseOne(shape.rate, raw.rate),
    arrivals: parseOne(shape.arrivals, raw.arrivals),
    recordSize: parseOne(shape.recordSize, raw.recordSize),
    keys: parseOne(shape.keys, raw.keys),
  };
}

/** Each part of the scenario parsed on its own; a part that does not parse is left undefined. */
function partsThatParse(raw: unknown): ScenarioParts {
  if (!isMapping(raw)) return {};
  const shape = scenarioSchema.shape;
  const workload = isMapping(raw.workload) ? raw.workload : {};
  const list = <S extends z.ZodType>(value: unknown, schema: S, absent: z.output<S>[] | undefined) =>
    value === undefined ? absent : Array.isArray(value) ? value.map((item) => parseOne(schema, item)) : undefined;
  return {
    duration: parseOne(shape.duration, raw.duration),
    sampleInterval: parseOne(shape.sampleInterval, raw.sampleInterval),
    producers: Array.isArray(workload.producers) ? workload.producers.map(producerFields) : undefined,
    consumers: list(workload.consumers, consumerSchema, []),
    timeline: list(raw.timeline, timelineEntrySchema, []),
    systemNames: raw.systems === undefined ? [] : isMapping(raw.systems) ? Object.keys(raw.systems) : undefined,
  };
}
