import type { z } from 'zod';
import type { PathProblem } from './problem.ts';
import { GENERIC, TYPE_NAMES, describeValue } from './messages.ts';

type Path = (string | number)[];

/**
 * Turns one zod issue into our problems, worded like the rest of our messages (messages.ts). The
 * raw input (`root`) tells a missing key from a wrong value; the schema lists the keys allowed where
 * an unknown key appears, to suggest the one the user probably meant.
 */
export function issueProblems(issue: z.core.$ZodIssue, root: unknown, schema: z.ZodType, prefix: Path = []): PathProblem[] {
  const path: Path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const value = valueAt(root, path);
  const own = ownMessage(issue.message);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = objectKeysAt(schema, path, value);
      return issue.keys.map((key) => {
        const suggestion = closest(key, allowed);
        return { path: [...path, key], atKey: true, message: GENERIC.unknownKey(key, suggestion, allowed), ...(suggestion ? { suggestion } : {}) };
      });
    }
    case 'invalid_union': {
      // zod tries every form; when exactly one form got past the shape (its problems are inside the
      // value), the user meant that form: report its problems rather than "none of the forms".
      const inside = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
      if (inside.length === 1) return inside[0].flatMap((i) => issueProblems(i, root, schema, path));
      // A choice of literal values (e.g. acks: 0, 1 or all): list them.
      const literals = issue.errors.every((branch) => branch.length === 1 && branch[0].code === 'invalid_value' && branch[0].path.length === 0);
      if (literals && !own) return [{ path, message: GENERIC.oneOf(issue.errors.flatMap((b) => (b[0] as z.core.$ZodIssueInvalidValue).values), value) }];
      if (value === undefined) return [{ path, message: GENERIC.missing(own?.replace(/^expected /, '')) }];
      return [{ path, message: own ?? GENERIC.invalid }];
    }
    case 'invalid_type': {
      const what = own?.replace(/^expected /, '') ?? TYPE_NAMES[issue.expected] ?? issue.expected;
      if (value === undefined) return [{ path, message: GENERIC.missing(what) }];
      return [{ path, message: own ?? GENERIC.wrongType(what, describeValue(value)) }];
    }
    case 'too_small':
      return [{ path, message: own ?? tooSmall(issue) }];
    case 'too_big':
      return [{ path, message: own ?? tooBig(issue) }];
    case 'invalid_value':
      return [{ path, message: own ?? GENERIC.oneOf(issue.values, value) }];
    default:
      return [{ path, message: own ?? (issue.message || GENERIC.invalid) }];
  }
}

/** The message the schema gave, or undefined when it is one of zod's generic ones. */
function ownMessage(message: string): string | undefined {
  return /^(Invalid|Too (small|big)|Unrecognized)/.test(message) ? undefined : message;
}

function tooSmall(issue: z.core.$ZodIssueTooSmall): string {
  if (issue.origin === 'array' || issue.origin === 'set') return GENERIC.atLeastItems(issue.minimum);
  if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? GENERIC.emptyText : `must have at least ${issue.minimum} characters`;
  return GENERIC.atLeast(issue.minimum, issue.inclusive ?? true);
}

function tooBig(issue: z.core.$ZodIssueTooBig): string {
  if (issue.origin === 'array' || issue.origin === 'set') return GENERIC.atMostItems(issue.maximum);
  if (issue.origin === 'string') return `must have at most ${issue.maximum} characters`;
  return GENERIC.atMost(issue.maximum, issue.inclusive ?? true);
}

export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

// Schema navigation, for the list of keys allowed where an unknown key appears. It reads zod's
// definitions (`_zod.def`), which are public but loosely typed.
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const def = defOf(s);
    if (def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else return s;
  }
}

/** The object schemas a value may match, expanding unions. */
function objectForms(schema: z.ZodType): z.ZodType[] {
  const s = unwrap(schema);
  const def = defOf(s);
  if (def.type === 'object') return [s];
  if (def.type === 'union') return (def.options ?? []).flatMap(objectForms);
  return [];
}

function children(schema: z.ZodType, key: string | number): z.ZodType[] {
  const s = unwrap(schema);
  const def = defOf(s);
  if (def.type === 'object') return def.shape && Object.hasOwn(def.shape, key) ? [def.shape[key as string]] : [];
  if (def.type === 'array' && def.element) return [def.element];
  if (def.type === 'record' && def.valueType) return [def.valueType];
  if (def.type === 'union') return (def.options ?? []).flatMap((o) => children(o, key));
  return [];
}

/** The keys allowed in the mapping at `path`: of the form that best matches the value's other keys. */
function objectKeysAt(schema: z.ZodType, path: Path, value: unknown): string[] {
  let candidates = [schema];
  for (const key of path) candidates = candidates.flatMap((c) => children(c, key));
  const forms = candidates.flatMap(objectForms);
  const present = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const score = (form: z.ZodType) => {
    const shape = defOf(form).shape ?? {};
    let points = 0;
    for (const [key, v] of Object.entries(present)) {
      if (!Object.hasOwn(shape, key)) continue;
      const literal = defOf(unwrap(shape[key]));
      points += literal.type === 'literal' && !(literal.values ?? []).includes(v) ? -100 : 1;
    }
    return points;
  };
  const best = Math.max(...forms.map(score));
  return [...new Set(forms.filter((f) => score(f) === best).flatMap((f) => Object.keys(defOf(f).shape ?? {})))];
}

/** The allowed key the user most likely meant: same letters in another case, or at most two edits away. */
function closest(key: string, allowed: readonly string[]): string | undefined {
  const sameCase = allowed.find((a) => a.toLowerCase() === key.toLowerCase());
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.floor((key.length - 1) / 2)) + 1;
  for (const candidate of allowed) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}
