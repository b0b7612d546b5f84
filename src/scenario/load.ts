import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, Scalar, YAMLMap, YAMLSeq, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { scenarioSchema, type Scenario } from './schema.ts';
import { checkScenario } from './check.ts';
import { ScenarioError, type Problem } from './problem.ts';

/** A `--set PATH=VALUE` override: PATH is dotted (`systems.kinesis.shards`), VALUE is read as YAML. */
export interface Override {
  path: string;
  value: string;
}

export function parseOverride(text: string): Override | undefined {
  const eq = text.indexOf('=');
  if (eq <= 0) return undefined;
  return { path: text.slice(0, eq).trim(), value: text.slice(eq + 1) };
}

/** Reads, validates and fills in the defaults of a scenario file; throws ScenarioError with every problem. */
export function loadScenarioFile(file: string, overrides: Override[] = []): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ScenarioError([{ file, line: 1, col: 1, path: '', message: `cannot read the scenario: ${reason}` }]);
  }
  return parseScenario(text, file, overrides);
}

/** Validates scenario text (YAML or JSON); `file` is only used in messages. */
export function parseScenario(text: string, file: string, overrides: Override[] = []): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0].line ?? 1,
        col: e.linePos?.[0].col ?? 1,
        path: '',
        message: e.message.split('\n')[0],
      })),
    );
  }
  if (!(doc.contents instanceof YAMLMap)) {
    throw new ScenarioError([{ file, line: 1, col: 1, path: '', message: 'expected a mapping with name, duration, workload and systems' }]);
  }
  for (const o of overrides) doc.setIn(splitPath(o.path), parseDocument(o.value).contents);

  const locate = (path: readonly PropertyKey[], atKey = false) => {
    const at = findPosition(doc, lines, path, atKey) ?? { line: 1, col: 1 };
    const overridden = overrides.find((o) => path.join('.').startsWith(o.path));
    return overridden ? { ...at, file: `${file} (--set ${overridden.path}=${overridden.value})` } : { ...at, file };
  };

  const parsed = scenarioSchema.safeParse(doc.toJS());
  if (!parsed.success) throw new ScenarioError(parsed.error.issues.flatMap((issue) => issueProblems(issue, locate)));

  const problems = checkScenario(parsed.data).map((p): Problem => {
    const at = locate(p.path);
    return { file: at.file, line: at.line, col: at.col, path: p.path.join('.'), message: p.message };
  });
  if (problems.length > 0) throw new ScenarioError(problems);
  return parsed.data;
}

type Locate = (path: readonly PropertyKey[], atKey?: boolean) => { file: string; line: number; col: number };

function issueProblems(issue: z.core.$ZodIssue, locate: Locate): Problem[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const at = locate([...path, key], true);
      return { ...at, path: [...path, key].join('.'), message: `unknown key "${key}"` };
    });
  }
  const at = locate(path);
  return [{ ...at, path: path.join('.'), message: describeIssue(issue) }];
}

/** zod's message, made to read like the rest of our errors. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) return `missing (expected ${issue.expected})`;
  if (issue.code === 'invalid_union') {
    const messages = [...new Set(issue.errors.flat().map((e) => e.message))];
    return `not a valid value: ${messages.slice(0, 3).join('; or ')}`;
  }
  return issue.message;
}

function splitPath(path: string): (string | number)[] {
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Line and column of a value (or of its key, for unknown or missing keys), else of the nearest ancestor. */
function findPosition(doc: Document, lines: LineCounter, path: readonly PropertyKey[], atKey: boolean) {
  if (!atKey) {
    const node = doc.getIn(path as unknown[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]);
  }
  for (let n = path.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1) as unknown[], true);
    if (parent instanceof YAMLMap) {
      const pair = parent.items.find((p) => p.key instanceof Scalar && p.key.value === path[n - 1]);
      if (pair?.key instanceof Scalar && pair.key.range) return lines.linePos(pair.key.range[0]);
    }
    if (parent instanceof YAMLSeq && typeof path[n - 1] === 'number') {
      const item = parent.items[path[n - 1] as number];
      if (isNode(item) && item.range) return lines.linePos(item.range[0]);
    }
  }
  return undefined;
}
